//! Helpers shared by scanner-core's integration tests.

/// A synthetic AWS access key id: `AKIA` and 16 characters of base32,
/// pseudo-random from `seed`.
pub fn key(seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    loop {
        let mut out = String::from("AKIA");
        for _ in 0..16 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            out.push(char::from(ALPHABET[(state % 32) as usize]));
        }
        if !out.contains("EXAMPLE") {
            return out;
        }
    }
}
