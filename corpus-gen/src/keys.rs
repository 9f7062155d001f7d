//! Private keys in their real container formats (DER inside PEM, the
//! OpenSSH and PuTTY structures, OpenPGP armour with CRC-24, age Bech32),
//! filled with random bytes: well-formed, never usable.

use crate::check::{bech32_encode, crc24};
use crate::rng::Rng;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

fn der_len(len: usize) -> Vec<u8> {
    match len {
        0..=127 => vec![len as u8],
        128..=255 => vec![0x81, len as u8],
        _ => vec![0x82, (len >> 8) as u8, len as u8],
    }
}

pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(content.len()));
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A positive INTEGER of `len` bytes with the top bit set (so DER adds 00).
fn big_int(rng: &mut Rng, len: usize) -> Vec<u8> {
    let mut v = rng.bytes(len);
    if let Some(first) = v.first_mut() {
        *first |= 0x80;
    }
    let mut content = vec![0];
    content.extend(v);
    tlv(0x02, &content)
}

fn small_int(v: &[u8]) -> Vec<u8> {
    tlv(0x02, v)
}

const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_ED25519: &[u8] = &[0x2b, 0x65, 0x70];

pub fn rsa_der(rng: &mut Rng, bits: usize) -> Vec<u8> {
    let n = bits / 8;
    seq(&[
        small_int(&[0]),
        big_int(rng, n),
        small_int(&[0x01, 0x00, 0x01]),
        big_int(rng, n),
        big_int(rng, n / 2),
        big_int(rng, n / 2),
        big_int(rng, n / 2),
        big_int(rng, n / 2),
        big_int(rng, n / 2),
    ])
}

pub fn ec_der(rng: &mut Rng) -> Vec<u8> {
    let mut point = vec![0x00, 0x04];
    point.extend(rng.bytes(64));
    seq(&[
        small_int(&[1]),
        tlv(0x04, &rng.bytes(32)),
        tlv(0xa0, &tlv(0x06, OID_P256)),
        tlv(0xa1, &tlv(0x03, &point)),
    ])
}

pub fn pkcs8_der(rng: &mut Rng) -> Vec<u8> {
    if rng.chance(40) {
        let mut inner = tlv(0x04, &rng.bytes(32));
        inner = tlv(0x04, &inner);
        return seq(&[small_int(&[0]), seq(&[tlv(0x06, OID_ED25519)]), inner]);
    }
    let rsa = rsa_der(rng, 2048);
    seq(&[
        small_int(&[0]),
        seq(&[tlv(0x06, OID_RSA), vec![0x05, 0x00]]),
        tlv(0x04, &rsa),
    ])
}

fn encrypted_pkcs8_der(rng: &mut Rng) -> Vec<u8> {
    const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
    const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
    const HMAC256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
    const AES256CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
    let kdf = seq(&[
        tlv(0x06, PBKDF2),
        seq(&[
            tlv(0x04, &rng.bytes(16)),
            small_int(&[0x08, 0x00]),
            seq(&[tlv(0x06, HMAC256), vec![0x05, 0x00]]),
        ]),
    ]);
    let cipher = seq(&[tlv(0x06, AES256CBC), tlv(0x04, &rng.bytes(16))]);
    let alg = seq(&[tlv(0x06, PBES2), seq(&[kdf, cipher])]);
    seq(&[alg, tlv(0x04, &rng.bytes(1232))])
}

fn dsa_der(rng: &mut Rng) -> Vec<u8> {
    seq(&[
        small_int(&[0]),
        big_int(rng, 128),
        big_int(rng, 20),
        big_int(rng, 128),
        big_int(rng, 128),
        big_int(rng, 20),
    ])
}

pub fn wrap(data: &[u8], width: usize) -> String {
    let b64 = STANDARD.encode(data);
    b64.as_bytes()
        .chunks(width)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn pem(label: &str, der: &[u8]) -> String {
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----",
        wrap(der, 64)
    )
}

pub fn rsa_pem(rng: &mut Rng) -> String {
    let bits = if rng.chance(70) { 2048 } else { 1024 };
    pem("RSA PRIVATE KEY", &rsa_der(rng, bits))
}

pub fn ec_pem(rng: &mut Rng) -> String {
    pem("EC PRIVATE KEY", &ec_der(rng))
}

pub fn pkcs8_pem(rng: &mut Rng) -> String {
    pem("PRIVATE KEY", &pkcs8_der(rng))
}

pub fn encrypted_pkcs8_pem(rng: &mut Rng) -> String {
    pem("ENCRYPTED PRIVATE KEY", &encrypted_pkcs8_der(rng))
}

pub fn legacy_encrypted_rsa_pem(rng: &mut Rng) -> String {
    let iv = rng.string(crate::rng::HEX_UP, 32);
    let body = rng.bytes(1200);
    format!(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{iv}\n\n{}\n-----END RSA PRIVATE KEY-----",
        wrap(&body, 64)
    )
}

pub fn dsa_pem(rng: &mut Rng) -> String {
    pem("DSA PRIVATE KEY", &dsa_der(rng))
}

fn ssh_string(out: &mut Vec<u8>, data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
}

fn ed25519_public_blob(public: &[u8]) -> Vec<u8> {
    let mut blob = Vec::new();
    ssh_string(&mut blob, b"ssh-ed25519");
    ssh_string(&mut blob, public);
    blob
}

/// `openssh-key-v1` container with one unencrypted ed25519 key.
pub fn openssh_pem(rng: &mut Rng, comment: &str) -> String {
    let secret = rng.bytes(32);
    let public = rng.bytes(32);
    let pub_blob = ed25519_public_blob(&public);
    let check = rng.bytes(4);
    let mut private = Vec::new();
    private.extend(&check);
    private.extend(&check);
    ssh_string(&mut private, b"ssh-ed25519");
    ssh_string(&mut private, &public);
    ssh_string(
        &mut private,
        &[secret.as_slice(), public.as_slice()].concat(),
    );
    ssh_string(&mut private, comment.as_bytes());
    let mut pad = 1u8;
    while private.len() % 8 != 0 {
        private.push(pad);
        pad += 1;
    }
    let mut data = b"openssh-key-v1\0".to_vec();
    ssh_string(&mut data, b"none");
    ssh_string(&mut data, b"none");
    ssh_string(&mut data, b"");
    data.extend(1u32.to_be_bytes());
    ssh_string(&mut data, &pub_blob);
    ssh_string(&mut data, &private);
    format!(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----",
        wrap(&data, 70)
    )
}

/// The public half an OpenSSH user would paste into `authorized_keys`.
pub fn ssh_public_line(rng: &mut Rng, comment: &str) -> String {
    if rng.chance(50) {
        let blob = ed25519_public_blob(&rng.bytes(32));
        return format!("ssh-ed25519 {} {comment}", STANDARD.encode(blob));
    }
    let mut blob = Vec::new();
    ssh_string(&mut blob, b"ssh-rsa");
    ssh_string(&mut blob, &[1, 0, 1]);
    let mut n = vec![0];
    n.extend(rng.bytes(256));
    ssh_string(&mut blob, &n);
    format!("ssh-rsa {} {comment}", STANDARD.encode(blob))
}

/// PuTTY-User-Key-File-3, unencrypted ed25519, with the real HMAC-SHA-256
/// (for an unencrypted v3 file the MAC key is empty).
pub fn putty_ppk(rng: &mut Rng, comment: &str) -> String {
    let public = rng.bytes(32);
    let pub_blob = ed25519_public_blob(&public);
    let mut priv_blob = Vec::new();
    ssh_string(&mut priv_blob, &rng.bytes(32));
    let mut mac_data = Vec::new();
    ssh_string(&mut mac_data, b"ssh-ed25519");
    ssh_string(&mut mac_data, b"none");
    ssh_string(&mut mac_data, comment.as_bytes());
    ssh_string(&mut mac_data, &pub_blob);
    ssh_string(&mut mac_data, &priv_blob);
    let mac = match Hmac::<Sha256>::new_from_slice(b"") {
        Ok(mut m) => {
            m.update(&mac_data);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => vec![0; 32],
    };
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let pub_lines = wrap(&pub_blob, 64);
    let priv_lines = wrap(&priv_blob, 64);
    format!(
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: {comment}\nPublic-Lines: {}\n{pub_lines}\nPrivate-Lines: {}\n{priv_lines}\nPrivate-MAC: {hex}",
        pub_lines.lines().count(),
        priv_lines.lines().count()
    )
}

/// An OpenPGP secret-key packet plus user id in ASCII armour with CRC-24.
pub fn pgp_private(rng: &mut Rng, uid: &str) -> String {
    let mut key = vec![0x04];
    key.extend(rng.bytes(4)); // creation time
    key.push(0x01); // RSA
    for _ in 0..2 {
        key.extend([0x08, 0x00]);
        key.extend(rng.bytes(256));
    }
    key.push(0x00); // unencrypted secret material
    key.extend([0x08, 0x00]);
    key.extend(rng.bytes(512));
    let mut data = vec![0x95, (key.len() >> 8) as u8, key.len() as u8];
    data.extend(key);
    data.push(0xb4);
    data.push(uid.len() as u8);
    data.extend(uid.as_bytes());
    let crc = crc24(&data).to_be_bytes();
    format!(
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{}\n={}\n-----END PGP PRIVATE KEY BLOCK-----",
        wrap(&data, 64),
        STANDARD.encode(&crc[1..])
    )
}

/// `AGE-SECRET-KEY-1…`: Bech32 of 32 random bytes, upper case as age prints it.
pub fn age_secret(rng: &mut Rng) -> String {
    bech32_encode("age-secret-key-", &rng.bytes(32)).to_ascii_uppercase()
}

/// A self-signed-looking certificate body: public data, a hard negative.
pub fn certificate(rng: &mut Rng) -> String {
    let tbs = seq(&[
        tlv(0xa0, &small_int(&[2])),
        small_int(&rng.bytes(16)),
        seq(&[
            tlv(
                0x06,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            ),
            vec![0x05, 0x00],
        ]),
        tlv(0x30, &rng.bytes(60)),
        tlv(0x30, &rng.bytes(30)),
        tlv(0x30, &rng.bytes(60)),
        seq(&[
            seq(&[tlv(0x06, OID_RSA), vec![0x05, 0x00]]),
            tlv(0x03, &rng.bytes(271)),
        ]),
    ]);
    let cert = seq(&[
        tbs,
        seq(&[
            tlv(
                0x06,
                &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            ),
            vec![0x05, 0x00],
        ]),
        tlv(0x03, &rng.bytes(257)),
    ]);
    pem("CERTIFICATE", &cert)
}

pub fn public_key_pem(rng: &mut Rng) -> String {
    let mut point = vec![0x00, 0x04];
    point.extend(rng.bytes(64));
    let spki = seq(&[
        seq(&[tlv(0x06, OID_EC), tlv(0x06, OID_P256)]),
        tlv(0x03, &point),
    ]);
    pem("PUBLIC KEY", &spki)
}
