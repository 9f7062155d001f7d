//! HTTP handlers, one module per endpoint.

pub mod health;
pub mod inspect;
