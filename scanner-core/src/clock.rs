//! A monotonic millisecond clock that works on every target.
//!
//! `std::time::Instant` panics on `wasm32-unknown-unknown`, so the browser
//! build passes its own clock (e.g. `performance.now()`) through
//! [`crate::ScanOptions::clock`]; natively the default uses `Instant`.

/// Returns milliseconds from an arbitrary fixed point; must never go back.
pub type Clock = fn() -> f64;

#[cfg(not(target_arch = "wasm32"))]
fn native_now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// The clock used when the caller gives none; `None` where the target has
/// no usable clock, which disables the time budget.
pub(crate) fn default_clock() -> Option<Clock> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(native_now_ms)
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}
