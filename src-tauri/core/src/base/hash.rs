//! Content hashes: SHA-256 as lowercase hex, for attachments and package parts.

use sha2::{Digest, Sha256};

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes`, as lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 (lowercase hex) and length of everything `r` reads, read in pieces
/// (a file of hundreds of MB is never held).
pub fn sha256_read(mut r: impl std::io::Read) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut len = 0u64;
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hex(&hasher.finalize()), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_in_pieces_hashes_as_the_whole() {
        // Longer than one 64 KiB piece, not a multiple of it.
        let bytes: Vec<u8> = (0..200_003u32).map(|i| (i * 7 % 251) as u8).collect();
        let (hash, len) = sha256_read(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!((hash, len), (sha256(&bytes), 200_003));
        assert_eq!(
            sha256_read(std::io::empty()).unwrap().0,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
