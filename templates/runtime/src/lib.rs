//! The runtime of the Rust SDK crates for Huawei Cloud services.
//!
//! Each service crate (such as `huaweicloud-sdk-functiongraph`) is generated from the service's
//! OpenAPI description and holds only that service's operations and models; everything else is
//! here, once for every service:
//!
//! - [`SdkConfig`]: credentials, region, project, timeouts, retries and the HTTP transport,
//!   built once and shared by every service client made from it;
//! - [`Credentials`], the [`CredentialsProvider`] trait, and in [`credentials`] the providers
//!   of the official SDKs (OIDC, environment, profile file, ECS metadata, pod identity) and
//!   their default chain;
//! - [`signing`]: SDK-HMAC-SHA256, byte for byte as the official SDKs sign;
//! - [`http`]: the [`HttpTransport`](http::HttpTransport) trait and its reqwest implementation;
//! - [`RetryPolicy`], and the one [`Error`] type of every operation;
//! - [`test_util`] (feature `test-util`): a fake transport for testing code that uses a client.
//!
//! A service crate re-exports what its users need, so one dependency is enough:
//!
//! ```no_run
//! # async fn run() -> Result<(), huaweicloud_sdk_core::Error> {
//! use huaweicloud_sdk_core::{Region, SdkConfig};
//!
//! // Credentials from the official default chain (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK,
//! // OIDC, the profile file, ECS metadata, pod identity) and the project id from
//! // HUAWEICLOUD_SDK_PROJECT_ID, as the official SDKs read them.
//! let config = SdkConfig::builder_from_env()
//!     .region(Region::new("cn-north-4"))
//!     .build()?;
//! // One configuration, a client for each service:
//! // let functiongraph = huaweicloud_sdk_functiongraph::Client::new(&config)?;
//! // let ecs = huaweicloud_sdk_ecs::Client::new(&config)?;
//! # let _ = config;
//! # Ok(()) }
//! ```
//!
//! The module `__private` is for generated code only: it is not part of the API, and may change
//! in any release.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod auth;
mod config;
pub mod credentials;
mod encoding;
mod endpoint;
mod error;
mod form_body;
mod handle;
pub mod http;
mod http_options;
mod interceptor;
mod json_body;
mod limits;
mod operation;
mod pagination;
mod project;
mod region;
mod regions_file;
mod retry;
mod secret;
mod service;
pub mod signing;
mod string_enum;
#[cfg(feature = "test-util")]
pub mod test_util;
mod text;
mod time;
mod trust;

pub use config::{
    ConfigBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY, DEFAULT_READ_TIMEOUT,
    ENV_PROJECT_ID, ENV_REGION, FromSdkConfig, SdkConfig,
};
pub use credentials::{
    BoxFuture, Credentials, CredentialsError, CredentialsProvider, ENV_ACCESS_KEY, ENV_SECRET_KEY,
    ENV_SECURITY_TOKEN,
};
pub use error::{BoxError, DecodeError, Error, ServiceError, UnexpectedStatusError};
pub use interceptor::{AttemptOutcome, AttemptRequest, Interceptor};
pub use limits::{MAX_DURATION, MAX_HEADER_VALUE, MAX_PATH_AND_QUERY};
pub use operation::CallOptions;
pub use project::ENV_IAM_ENDPOINT;
pub use region::Region;
pub use regions_file::ENV_REGIONS_FILE;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use service::ServiceInfo;
pub use text::{Base64Text, JsonText};
pub use time::Timestamp;

/// What generated service crates use to build and send their operations. Not part of the API:
/// it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::__string_enum as string_enum;
    pub use crate::encoding::push_path_value;
    pub use crate::form_body::encode as encode_form_body;
    pub use crate::handle::ServiceHandle;
    pub use crate::http::Method;
    pub use crate::json_body::JsonBody;
    pub use crate::operation::{OperationInfo, OperationRequest, OperationResponse};
    pub use crate::pagination::{Page, next_marker, pages};
    pub use futures_util::{Stream, StreamExt, stream};
    pub use serde;
}
