use std::net::IpAddr;

use url::Url;

use crate::PlatformError;

/// A profile's API base URL, checked once: `https://` anywhere, plain `http://` only on
/// loopback (the sandbox), always ending in `/` so relative paths join under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn parse(text: &str) -> Result<Self, PlatformError> {
        let text = text.trim();
        let shown = shown(text);
        if text.is_empty() {
            return Err(PlatformError::BadBaseUrl(
                "enter the account's API address, such as https://app.connexcs.com/api/cp/".into(),
            ));
        }
        let mut url = Url::parse(text).map_err(|error| {
            PlatformError::BadBaseUrl(format!(
                "\"{shown}\" is not a URL ({error}); use the form https://app.connexcs.com/api/cp/"
            ))
        })?;

        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return Err(PlatformError::BadBaseUrl(format!(
                    "\"{shown}\" uses plain http, which would send your password unencrypted; \
                     use https:// (plain http is allowed only for 127.0.0.1 and localhost)"
                )))
            }
            other => {
                return Err(PlatformError::BadBaseUrl(format!(
                    "\"{shown}\" uses \"{other}:\"; the platform API is reached over https://"
                )))
            }
        }
        if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
            return Err(PlatformError::BadBaseUrl(format!(
                "\"{shown}\" must name a host and carry no user name or password"
            )));
        }

        url.set_query(None);
        url.set_fragment(None);
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Self(url))
    }

    pub fn join(&self, path: &str) -> Url {
        self.0
            .join(path.trim_start_matches('/'))
            .expect("a relative API path always joins")
    }

    pub fn host(&self) -> String {
        self.0.host_str().unwrap_or_default().to_owned()
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }
}

/// The address as it may be quoted back: anything before an `@` (a user name and password
/// typed into the address) is left out, so it never reaches a message or a log.
fn shown(text: &str) -> String {
    match text.rsplit_once('@') {
        Some((before, after)) => {
            let scheme = before.split_once("://").map_or("", |(scheme, _)| scheme);
            format!("{scheme}://…@{after}")
        }
        None => text.to_owned(),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_are_accepted_and_get_a_trailing_slash() {
        let url = BaseUrl::parse("https://app.connexcs.com/api/cp").unwrap();

        assert_eq!(url.as_str(), "https://app.connexcs.com/api/cp/");
        assert_eq!(
            url.join("customer").as_str(),
            "https://app.connexcs.com/api/cp/customer"
        );
    }

    #[test]
    fn plain_http_is_accepted_only_on_loopback() {
        assert!(BaseUrl::parse("http://127.0.0.1:8080/api/cp/").is_ok());
        assert!(BaseUrl::parse("http://localhost:8080/api/cp/").is_ok());
        assert!(BaseUrl::parse("http://[::1]:8080/api/cp/").is_ok());

        let refused = BaseUrl::parse("http://app.connexcs.com/api/cp/").unwrap_err();
        assert!(refused.to_string().contains("plain http"), "{refused}");
        assert!(BaseUrl::parse("http://10.0.0.5/api/cp/").is_err());
    }

    #[test]
    fn urls_with_credentials_or_odd_schemes_are_refused() {
        let refused = BaseUrl::parse("https://me:hunter2@app.connexcs.com/api/cp/").unwrap_err();
        assert!(!refused.to_string().contains("hunter2"), "{refused}");
        assert!(BaseUrl::parse("ftp://app.connexcs.com/").is_err());
        assert!(BaseUrl::parse("app.connexcs.com").is_err());
        let empty = BaseUrl::parse("  ").unwrap_err().to_string();
        assert!(
            empty.starts_with("enter the account's API address"),
            "{empty}"
        );
    }
}
