//! Bodies and answers that are not JSON, on the wire: a crate is generated from
//! `tests/corpus/valid/media_types.yaml` (FunctionGraph's spec has only JSON), and a program
//! (`media_types/app.rs`) calls each of its operations against a loopback server. The server
//! checks the exact bytes and `Content-Type` of every request, and that each is signed with its
//! `Content-Type` among the signed headers; the program prints what the answers decoded to.

use functiongraph_tests::programs::{GeneratedCrate, Program};
use functiongraph_tests::signatures::verify_signature;
use functiongraph_tests::{CannedResponse, TestServer};

const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_and_answers_that_are_not_json_go_over_the_wire_as_the_spec_says() {
    let program = Program::lay_out(
        "media-types",
        "media-types-app",
        "tests/media_types/app.rs",
        &[GeneratedCrate {
            spec: "tests/corpus/valid/media_types.yaml",
            folder: "media",
            package: "corpus-media-types",
        }],
        "tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n",
    );

    let server = TestServer::answering_in_order(vec![
        CannedResponse::json(201, r#"{"expires_at": "2026-12-01T00:00:00Z"}"#)
            .with_header("X-Subject-Token", "token-1"),
        CannedResponse::with_content_type(204, "text/plain", b""),
        CannedResponse::with_content_type(200, "text/plain", b""),
        CannedResponse::with_content_type(200, "application/octet-stream", &[1, 2, 0, 255])
            .with_header("X-Checksum", "c-1"),
        CannedResponse::with_content_type(200, "application/pdf", b"%PDF"),
        CannedResponse::with_content_type(200, "text/plain; charset=utf-8", "stored: é".as_bytes()),
        CannedResponse::with_content_type(204, "text/plain", b""),
        CannedResponse::with_content_type(200, "text/plain", CERTIFICATE.as_bytes()),
        CannedResponse::with_content_type(200, "text/plain", &[0xff, 0xfe]),
    ])
    .await;
    let output = program
        .run(vec![(
            "HUAWEICLOUD_SDK_REGION_MEDIA_CN_NORTH_4",
            server.url(),
        )])
        .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the program failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..5],
        [
            r#"token: Some("token-1") Some("2026-12-01T00:00:00Z")"#,
            "object: [1, 2, 0, 255] checksum Some(\"c-1\") length Some(4)",
            "image answer: [37, 80, 68, 70]",
            r#"note: "stored: é""#,
            &format!("certificate: {CERTIFICATE:?}"),
        ],
        "{stdout}"
    );
    assert_eq!(lines.len(), 6, "{stdout}");
    assert!(
        lines[5].starts_with("not utf-8: ") && lines[5].contains("DownloadCertificate"),
        "{stdout}"
    );

    let requests = server.requests();
    let sent: Vec<(&str, &str, Option<&str>, &[u8])> = requests
        .iter()
        .map(|r| {
            (
                r.method.as_str(),
                r.target.as_str(),
                r.header("content-type"),
                r.body.as_slice(),
            )
        })
        .collect();
    let form = Some("application/x-www-form-urlencoded");
    let json = Some("application/json");
    let text = Some("text/plain");
    assert_eq!(
        sent,
        [
            (
                "POST",
                "/v3.0/OS-AUTH/id-token/tokens",
                form,
                &b"grant_type=id_token&id_token=eyJ+a%2Bb%2Fc%3D&duration_seconds=3600&scoped=true"
                    [..]
            ),
            (
                "PUT",
                "/v1/settings",
                form,
                b"theme=dark&label=n%C3%A4me+%26+co"
            ),
            (
                "PUT",
                "/v1/objects/a%20b",
                Some("application/octet-stream"),
                &[0, 159, 146, 150, 255]
            ),
            // No body: JSON's Content-Type, as the official SDK sends.
            ("GET", "/v1/objects/a%20b", json, b""),
            ("POST", "/v1/images", Some("image/png"), b"\x89PNG\r\n"),
            ("POST", "/v1/notes", text, "héllo wörld\n".as_bytes()),
            // JSON is preferred over the text/plain the body also offers.
            ("PUT", "/v1/notes", json, br#"{"page_size": 20}"#),
            ("GET", "/v1/certificates/cert-1/download", json, b""),
            ("GET", "/v1/certificates/cert-2/download", json, b""),
        ],
    );
    assert_eq!(requests[0].header("x-idp-id"), Some("idp-1"));
    for request in &requests {
        verify_signature(request);
        let authorization = request.header("authorization").unwrap_or_default();
        assert!(
            authorization.contains("SignedHeaders=content-type;"),
            "{authorization}"
        );
    }
}
