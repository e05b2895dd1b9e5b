//! A rolling update simulated with real processes (filled in with the manifests).
