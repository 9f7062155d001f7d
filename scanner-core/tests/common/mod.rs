//! Helpers shared by scanner-core's integration tests.
// Each test binary uses its own subset of these.
#![allow(dead_code)]

/// Deterministic generator for synthetic tokens (xorshift64*): the same
/// seed gives the same tokens, so failures reproduce. Test files add their
/// own token shapes in `impl Synth` blocks of their own.
pub struct Synth(pub u64);

impl Synth {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// `len` characters drawn from `alphabet`.
    pub fn pick(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[(self.next() % alphabet.len() as u64) as usize]))
            .collect()
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

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
