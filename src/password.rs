//! Password hashing: Argon2id with the argon2 crate's defaults, which are
//! OWASP's (m=19456 KiB, t=2, p=1). A hash takes tens of milliseconds of
//! CPU and 19 MB of memory on purpose, so the server never runs more of
//! them at once than it has cores ([`hash_queued`], [`verify_queued`]):
//! a flood of posts that each make it hash (sign-in, first run, reset)
//! then waits in a short line, or is told to come back, instead of taking
//! a core and 19 MB per request until the machine runs out of memory.

use argon2::password_hash::{Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Hashes waiting for their turn beyond which another is refused at once
/// (the server answers "busy, try again"): at a few tens of milliseconds
/// each, the last of them waits about a second.
pub const MAX_WAITING: usize = 64;

/// The hashing turns: one per core.
static TURNS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())));
static WAITING: AtomicUsize = AtomicUsize::new(0);

/// Too many hashes are waiting already: try again in a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("too many passwords are being checked at once")]
pub struct Busy;

/// Runs `work` on a blocking thread when a hashing turn is free.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
    // Counted before waiting, so that the line itself stays short.
    if WAITING.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        return Err(Busy);
    }
    let turn = TURNS.acquire().await;
    WAITING.fetch_sub(1, Ordering::SeqCst);
    let _turn = turn.map_err(|_| Busy)?;
    tokio::task::spawn_blocking(work).await.map_err(|_| Busy)
}

/// [`hash`], in its turn among the server's hashes.
pub async fn hash_queued(password: String) -> Result<String, Busy> {
    in_turn(move || hash(&password)).await
}

/// [`verify`], in its turn among the server's hashes.
pub async fn verify_queued(password: String, phc: String) -> Result<bool, Busy> {
    in_turn(move || verify(&password, &phc)).await
}

/// The PHC string of `password` with a new random salt (blocking: the
/// command line and tests call it; the server calls [`hash_queued`]).
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a valid salt");
    let params = Params::default();
    let output = compute(
        Algorithm::Argon2id,
        Version::V0x13,
        params.clone(),
        password,
        salt.as_salt(),
        Params::DEFAULT_OUTPUT_LEN,
    )
    .expect("Argon2 with its default parameters hashes any password");
    PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).expect("default parameters"),
        salt: Some(salt.as_salt()),
        hash: Some(output),
    }
    .to_string()
}

/// Whether `password` is the one `phc` was made from. A `phc` that is not
/// an Argon2 hash matches nothing.
pub fn verify(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(version), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        parsed
            .version
            .map_or(Ok(Version::default()), Version::try_from),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    // Output compares in constant time.
    compute(algorithm, version, params, password, salt, expected.len())
        .is_some_and(|computed| computed == expected)
}

/// The raw hash, its memory taken here and given back when it ends: an
/// allocation of 19 MB that the server's allocator returns to the system
/// at once (see `convene_server::memory`).
fn compute(
    algorithm: Algorithm,
    version: Version,
    params: Params,
    password: &str,
    salt: Salt<'_>,
    length: usize,
) -> Option<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes).ok()?;
    let mut memory = vec![Block::default(); params.block_count()];
    Output::init_with(length, |out| {
        Argon2::new(algorithm, version, params.clone())
            .hash_password_into_with_memory(password.as_bytes(), salt, out, &mut memory)
            .map_err(|_| argon2::password_hash::Error::Password)
    })
    .ok()
}

/// A hash of no one's password, verified against when an address has no
/// account, so that an unknown address takes as long as a wrong password.
pub static DECOY: LazyLock<String> = LazyLock::new(|| hash("no account has this password"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = hash("Mechelen declaration 2017");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("Mechelen declaration 2017", &phc));
        assert!(!verify("mechelen declaration 2017", &phc));
        assert!(!verify("anything", "not a hash"));
        assert_ne!(phc, hash("Mechelen declaration 2017"), "salted");
    }

    #[test]
    fn hashes_made_by_the_crate_itself_still_verify() {
        // Accounts made before the hashing had its own memory keep working.
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(b"sixteen bytes!!!").unwrap();
        let phc = Argon2::default()
            .hash_password(b"Beirut 2017", &salt)
            .unwrap()
            .to_string();
        assert!(verify("Beirut 2017", &phc));
        assert!(!verify("Beirut 2018", &phc));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_flood_waits_in_a_short_line_or_is_refused() {
        let phc = hash("x-password");
        let tries: Vec<_> = (0..MAX_WAITING * 2)
            .map(|_| tokio::spawn(verify_queued("wrong".into(), phc.clone())))
            .collect();
        let mut busy = 0;
        for t in tries {
            match t.await.unwrap() {
                Ok(matched) => assert!(!matched),
                Err(Busy) => busy += 1,
            }
        }
        println!("{busy} of {} refused as busy", MAX_WAITING * 2);
        assert!(busy > 0, "a line past {MAX_WAITING} is refused");
        assert_eq!(verify_queued("x-password".into(), phc).await, Ok(true));
    }
}
