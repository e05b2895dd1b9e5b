//! Deployment files agree with what the server reads (filled in with the manifests).
