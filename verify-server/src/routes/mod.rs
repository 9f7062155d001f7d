//! HTTP handlers, one module per endpoint.

pub mod audit;
pub mod decisions;
pub mod health;
pub mod inspect;
