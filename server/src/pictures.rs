//! Making uploaded pictures into their sizes: decoding a large photo takes
//! up to 200 MB and a second of a core, so it runs off the async threads,
//! one picture at a time per instance, whoever uploads: a few organisers
//! uploading at once wait their turn rather than take the memory together.

use convene::field::Problem;
use convene::pictures::make::Made;
use convene::pictures::Shape;
use tokio::sync::Semaphore;

static MAKING: Semaphore = Semaphore::const_new(1);

/// Makes `bytes` into a picture of `shape`, or says what is wrong with it.
pub async fn make(bytes: Vec<u8>, shape: Shape) -> Result<Made, Problem> {
    let _turn = MAKING
        .acquire()
        .await
        .map_err(|_| Problem::PictureUnreadable)?;
    tokio::task::spawn_blocking(move || convene::pictures::make::make(&bytes, shape))
        .await
        .unwrap_or(Err(Problem::PictureUnreadable))
}
