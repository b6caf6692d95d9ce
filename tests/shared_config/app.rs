//! The program tests/shared_config.rs builds beside two generated service crates: one
//! `SdkConfig`, a client of each service made from it, one call to each. Each service finds its
//! own endpoint for the region through its own override variable, which the test points at a
//! loopback server of its own.

use std::process::ExitCode;

use huaweicloud_sdk_ecs::models::{
    BatchStopServersRequestBody, BatchStopServersRequestBodyOsStop,
    BatchStopServersRequestBodyOsStopServersItem,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let config = huaweicloud_sdk_core::SdkConfig::builder()
        .region(huaweicloud_sdk_core::Region::new("cn-north-4"))
        .project_id("0123456789abcdef0123456789abcdef")
        .access_key(
            "FAKEAKEXAMPLE0000000",
            "FAKESKEXAMPLE0000000000000000000000000000",
        )
        .retry_policy(huaweicloud_sdk_core::RetryPolicy::none())
        .build();
    let config = match config {
        Ok(config) => config,
        Err(error) => return fail(&error),
    };
    let (functiongraph, ecs) = match (
        huaweicloud_sdk_functiongraph::Client::new(&config),
        huaweicloud_sdk_ecs::Client::new(&config),
    ) {
        (Ok(functiongraph), Ok(ecs)) => (functiongraph, ecs),
        (Err(error), _) | (_, Err(error)) => return fail(&error),
    };
    let urn = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:hello:latest";
    if let Err(error) = functiongraph.invoke_function(urn).send().await {
        return fail(&error);
    }
    match ecs.show_server("server-1").send().await {
        Ok(output) => println!("ecs server: {:?}", output.server.map(|s| s.name)),
        Err(error) => return fail(&error),
    }
    let stop = BatchStopServersRequestBody::new(BatchStopServersRequestBodyOsStop::new(vec![
        BatchStopServersRequestBodyOsStopServersItem::new("server-1"),
    ]));
    if let Err(error) = ecs.batch_stop_servers(stop).send().await {
        return fail(&error);
    }
    ExitCode::SUCCESS
}

fn fail(error: &dyn std::error::Error) -> ExitCode {
    eprintln!("{error}");
    ExitCode::FAILURE
}
