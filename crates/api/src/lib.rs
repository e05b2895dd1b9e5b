//! The public contract: protobuf messages and the gRPC service generated from
//! `proto/arabic/preprocess/v1`, the descriptor set for server reflection, canonical
//! proto3 JSON, and the one place where domain results (UTF-8 byte ranges) become
//! protobuf spans (Unicode code points).
//!
//! ```
//! use api::v1;
//!
//! let text = "قال الوزير \"نعم.\"";
//! let article = pipeline::Pipeline::new().run(text, &pipeline::Options::default());
//! let response = api::preprocess_response("doc-1", text, &article, false);
//! assert_eq!(response.document_id, "doc-1");
//! let json = api::to_json(&response).unwrap();
//! assert!(json.contains("\"documentId\":\"doc-1\""));
//! assert!(
//!     response
//!         .segments
//!         .iter()
//!         .all(|segment| segment.kind() != v1::SegmentKind::Unspecified)
//! );
//! ```

mod convert;
mod json;
mod offsets;
mod units;

pub use convert::{normalize_response, preprocess_response};
pub use json::{JsonError, from_json, to_json};
pub use offsets::CodePoints;
pub use units::{
    placeholder_style, protectable_kind, quotation_style, reassemble_response, units_from_proto,
};

/// Generated code of the `arabic.preprocess.v1` package.
pub mod v1 {
    #![allow(missing_docs, clippy::all)]
    tonic::include_proto!("arabic.preprocess.v1");
}

/// Encoded `FileDescriptorSet` of the contract, for server reflection and JSON.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/preprocess_descriptor.bin"));

/// Fully qualified name of the service, as health checks and reflection name it.
pub const SERVICE_NAME: &str = "arabic.preprocess.v1.PreprocessService";
