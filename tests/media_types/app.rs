//! The program tests/media_types.rs builds beside the crate generated from
//! `tests/corpus/valid/media_types.yaml`: one call of each operation whose body or answer is not
//! JSON, against the loopback server the test points the region's endpoint at. It prints what
//! it got back, one line per call, for the test to compare.

use std::process::ExitCode;

use corpus_media_types::models::{Settings, SettingsTheme};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = huaweicloud_sdk_core::SdkConfig::builder()
        .region(huaweicloud_sdk_core::Region::new("cn-north-4"))
        .project_id("0123456789abcdef0123456789abcdef")
        .access_key(
            "FAKEAKEXAMPLE0000000",
            "FAKESKEXAMPLE0000000000000000000000000000",
        )
        .retry_policy(huaweicloud_sdk_core::RetryPolicy::none())
        .build()?;
    let client = corpus_media_types::Client::new(&config)?;

    let token = client
        .create_token_with_id_token("idp-1", "id_token", "eyJ a+b/c=")
        .duration_seconds(3600)
        .scoped(true)
        .send()
        .await?;
    println!("token: {:?} {:?}", token.x_subject_token, token.expires_at);

    client
        .update_settings()
        .theme(SettingsTheme::Dark)
        .label("näme & co")
        .send()
        .await?;

    client
        .upload_object("a b", vec![0u8, 159, 146, 150, 255])
        .send()
        .await?;
    let object = client.download_object("a b").send().await?;
    println!(
        "object: {:?} checksum {:?} length {:?}",
        object.body.as_ref(),
        object.x_checksum,
        object.content_length
    );

    let image = client
        .upload_image()
        .body(&b"\x89PNG\r\n"[..])
        .send()
        .await?;
    println!("image answer: {:?}", image.body.as_ref());

    let note = client.create_note("héllo wörld\n").send().await?;
    println!("note: {:?}", note.body);

    client
        .replace_note(Settings::new().with_page_size(20))
        .send()
        .await?;

    let certificate = client.download_certificate("cert-1").send().await?;
    println!("certificate: {:?}", certificate.body);

    // A text answer that is not UTF-8 is a decode error, not replaced text.
    match client.download_certificate("cert-2").send().await {
        Err(corpus_media_types::Error::Decode(error)) => println!("not utf-8: {error}"),
        other => return Err(format!("expected a decode error, got {other:?}").into()),
    }
    Ok(())
}
