//! Where the client may talk: the exchange and a rate deck over https, plain http only on
//! loopback; and a rate deck larger than the limit is refused rather than read into memory.

use cx_neutrafix::client::{Exchange, ExchangeOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[test]
fn an_exchange_address_is_https_or_loopback_http() {
    for good in [
        "https://exchange.example/api/",
        "http://127.0.0.1:8080/neutrafix/",
        "http://localhost:9/",
        "http://[::1]:9/",
    ] {
        assert!(
            Exchange::new(good, ExchangeOptions::default()).is_ok(),
            "{good}"
        );
    }
    for bad in [
        "http://exchange.example/api/",
        "ftp://127.0.0.1/",
        "exchange",
    ] {
        let error = Exchange::new(bad, ExchangeOptions::default())
            .err()
            .unwrap_or_else(|| panic!("{bad} is refused"));
        assert!(
            error.to_string().contains("exchange address"),
            "{bad}: {error}"
        );
    }
}

#[tokio::test]
async fn a_rate_deck_over_plain_http_to_another_host_is_refused_before_any_request() {
    let exchange = Exchange::new("http://127.0.0.1:9/", ExchangeOptions::default()).unwrap();
    let error = exchange
        .fetch_text("http://decks.example/rates.csv")
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("rate deck address (http://decks.example)"),
        "{error}"
    );
}

/// Serves `body` once on loopback, without a Content-Length (the connection's close ends it).
async fn serve_once(body: Vec<u8>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 2048];
        let _ = socket.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nConnection: close\r\n\r\n";
        let _ = socket.write_all(head.as_bytes()).await;
        let _ = socket.write_all(&body).await;
        let _ = socket.shutdown().await;
    });
    format!("http://{address}/rates.csv")
}

#[tokio::test]
async fn a_rate_deck_larger_than_the_limit_is_refused_and_a_smaller_one_read() {
    let options = ExchangeOptions {
        max_text_bytes: 1000,
        ..ExchangeOptions::default()
    };
    let exchange = Exchange::new("http://127.0.0.1:9/", options).unwrap();

    let big = serve_once(b"44,0.01\n".repeat(200)).await;
    let error = exchange.fetch_text(&big).await.unwrap_err();
    assert!(error.to_string().contains("larger than"), "{error}");

    let small = serve_once(b"44,0.01\n".repeat(10)).await;
    assert_eq!(
        exchange.fetch_text(&small).await.unwrap(),
        "44,0.01\n".repeat(10)
    );
}
