//! The `app_documentation` templates of the five featured apps: Handlebars HTML, as app authors
//! write them in the IDE. The expressions used are `{{app_name}}`, `{{version}}` and
//! `{{company_name}}`; the README lists them for whoever renders these.

pub(crate) const SPAM_SCORE: &str = r#"<h1>{{app_name}}</h1>
<p>{{app_name}} updates the spam score of your DIDs and sends a report to the e-mail address you
give. This is version {{version}}, installed for {{company_name}}.</p>
<div class="note"><strong>Note:</strong> this service is chargeable. See the pricing page.</div>

<h2>Prerequisites</h2>
<ul>
  <li>The <strong>Spam Score package</strong> is added to your account.</li>
  <li>A Control Panel user whose e-mail address the app can sign in as.</li>
</ul>

<h2>Set up</h2>
<ol>
  <li>Set up the e-mail address that will be used as the API user.</li>
  <li>Go to <em>IDE &gt; {{app_name}} &gt; Environmental Variables</em>.</li>
  <li>Find the <code>cx_api_user</code> variable and enter that e-mail address as its value.</li>
</ol>

<h2>Check your numbers</h2>
<ol>
  <li>Go to <em>Global &gt; DID</em> and select the DIDs to check.</li>
  <li>Click <strong>Spam Score</strong> at the top of the page.</li>
  <li>Enter the address the report goes to and click <strong>Spam Scout</strong>.</li>
</ol>

<h2>Reading the report</h2>
<table>
  <thead><tr><th>Score</th><th>Meaning</th><th>What to do</th></tr></thead>
  <tbody>
    <tr><td>0&ndash;29</td><td>Clean</td><td>Nothing</td></tr>
    <tr><td>30&ndash;69</td><td>At risk</td><td>Lower the call rate from this CLI</td></tr>
    <tr><td>70&ndash;100</td><td>Likely labelled spam</td>
        <td>Rest the number or replace it</td></tr>
  </tbody>
</table>
<p>Numbers with <code>ftc_reported</code> set have been reported to the FTC and are listed
first.</p>
"#;

pub(crate) const AUTONOMOUS_CALLING: &str = r#"<h1>{{app_name}}</h1>
<p>{{app_name}} dials the numbers of an uploaded list automatically. Version {{version}}.</p>

<h2>Install</h2>
<ol>
  <li>Go to <em>Setup &gt; App Store &gt; {{app_name}}</em> and click <strong>Install</strong>.</li>
  <li>Choose the version and click <strong>Install</strong> again.</li>
  <li>Refresh the Control Panel: <strong>Auto Dial</strong> appears on the side bar.</li>
</ol>

<h2>Configure</h2>
<p>Click <strong>Auto Dial</strong>, then <strong>Config</strong>, and fill in:</p>
<table>
  <thead><tr><th>Field</th><th>What it is</th></tr></thead>
  <tbody>
    <tr><td>Customer</td><td>The customer the calls are billed to</td></tr>
    <tr><td>Outbound Server</td><td>The server that originates the calls</td></tr>
    <tr><td>Endpoint</td><td>The extension that takes each answered call</td></tr>
    <tr><td>CLI</td><td>The caller ID the called party sees</td></tr>
    <tr><td>Max Calls per Second</td>
        <td>From 2.0: how many calls start each second (5 by default)</td></tr>
  </tbody>
</table>
<p>Click <strong>Confirm</strong>.</p>

<h2>Dial</h2>
<ol>
  <li>Click <strong>Set Numbers</strong>, paste the list and click
      <strong>Save Numbers</strong>.</li>
  <li>Click <strong>Start</strong>.</li>
</ol>

<h3>Important</h3>
<ul>
  <li>Enter every number in full international format, e.g. +44 for the UK, +1 for the US.</li>
  <li>Put each number on a line of its own.</li>
</ul>
"#;

pub(crate) const CLICK_2_DIAL: &str = r#"<h1>{{app_name}}</h1>
<p>The {{app_name}} API lets applications, websites and scripts start a phone call with one
click or one request, instead of dialling by hand. Version {{version}}.</p>

<h2>Install and configure</h2>
<ol>
  <li>Go to <em>Setup &gt; App Store &gt; {{app_name}}</em> and click <strong>Install</strong>.</li>
  <li>Choose the version and click <strong>Install</strong> again.</li>
  <li>In the <strong>Installed Versions</strong> tab click <strong>Config</strong>.</li>
  <li>Choose the <strong>Customer</strong>, enter the <strong>API Key</strong> and the
      <strong>Extension</strong>, then click <strong>Save</strong>.</li>
</ol>

<h2>Starting a call</h2>
<p>Call the public function <code>send</code> with a JSON body:</p>
<table>
  <thead><tr><th>Field</th><th>Type</th><th>Example</th></tr></thead>
  <tbody>
    <tr><td><code>api_key</code></td><td>string</td><td>the customer's key</td></tr>
    <tr><td><code>phone</code></td><td>E.164 number</td><td>+12025550123</td></tr>
  </tbody>
</table>
<p>The app rings the extension first, then dials <code>phone</code> and bridges the two calls.</p>

<h2>Keeping the key safe</h2>
<ul>
  <li>API keys are generated for each customer when you press <strong>+ Add</strong>.</li>
  <li>Send the key from your server, never from page source a visitor can read.</li>
</ul>
"#;

pub(crate) const YOCO: &str = r#"<h1>{{app_name}}</h1>
<p>Yoco is a payment gateway: with {{app_name}} your customers top up their balance with
{{company_name}} by card, through a Yoco hosted checkout. Version {{version}}.</p>

<h2>How it works</h2>
<p>Every payment request is authenticated with your Yoco <strong>Secret Key</strong>. The key
decides which Yoco account is charged, and whether payments are test or live.</p>

<h2>Where to find the secret key</h2>
<ol>
  <li>Log in to the Yoco app or Yoco Control Panel.</li>
  <li>Go to <em>API &gt; Developer &gt; Integration</em>.</li>
  <li>Copy the <strong>Secret Key</strong> under the account credentials.</li>
</ol>
<p><strong>The secret key is account-specific and must be kept confidential.</strong></p>

<h2>Configure</h2>
<table>
  <thead><tr><th>Field</th><th>What it is</th></tr></thead>
  <tbody>
    <tr><td>API User</td><td>The user the app makes its requests as</td></tr>
    <tr><td>Secret Key</td><td>Starts <code>sk_test_</code> or <code>sk_live_</code></td></tr>
    <tr><td>Surcharge Type</td><td>Amount (ZAR) or Percent</td></tr>
    <tr><td>Surcharge</td><td>The fixed amount, or the percentage of the top-up</td></tr>
  </tbody>
</table>

<h2>Surcharges</h2>
<ul>
  <li><strong>Amount (ZAR)</strong> adds a fixed fee in South African rand.</li>
  <li><strong>Percent</strong> adds a percentage of the top-up, rounded half-up to the cent.</li>
  <li>The payer sees the surcharge as its own line before paying.</li>
</ul>
"#;

pub(crate) const NEUTRAFIX: &str = r#"<h1>{{app_name}}</h1>
<p>{{app_name}} is a route marketplace: register your company, buy telecom routes, manage
prefixes and get seller-specific rate cards in your Control Panel. Version {{version}}.</p>

<h2>Getting started</h2>
<ol>
  <li>Install {{app_name}} and open <strong>Config</strong> to choose the
      <strong>API User</strong>.</li>
  <li>Open {{app_name}} from the side bar and <strong>Sign Up</strong>, submitting your company
      registration and shareholder documents. The account stays pending until they are
      verified.</li>
  <li>Existing customers click <strong>Login</strong> with the API Login and API Key from the
      {{app_name}} dashboard.</li>
</ol>

<h2>Authentication</h2>
<table>
  <thead><tr><th>Method</th><th>Description</th></tr></thead>
  <tbody>
    <tr><td>Portal Login</td><td>Standard username and password</td></tr>
    <tr><td>API Login</td><td>Programmatic access with API credentials</td></tr>
  </tbody>
</table>

<h2>Buying routes</h2>
<ol>
  <li>Search the <strong>Market View</strong> by prefix, country, route type, seller or price.</li>
  <li>Click <strong>Purchase Route</strong> on a result.</li>
  <li>A {{app_name}} carrier is created for {{company_name}}, with a rate card per seller.</li>
  <li>The route's prefixes are added to that seller's card and billed by it.</li>
</ol>

<h2>Example</h2>
<table>
  <thead><tr><th>Scenario</th><th>Result</th></tr></thead>
  <tbody>
    <tr><td>Seller A's route purchased</td><td>Seller A's rate card applies</td></tr>
    <tr><td>Seller B's route to the same prefix</td><td>Seller B's own prices apply</td></tr>
    <tr><td>Prefix added</td><td>Linked to the purchased route's billing</td></tr>
  </tbody>
</table>
"#;
