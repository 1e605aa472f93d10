//! Memory given back to the system. glibc's allocator serves a large block
//! from its own mapping and unmaps it when freed, but once such a block is
//! freed it raises that threshold to the block's size, so the next ones
//! come from its heaps, which keep them: a flood of password hashes (19 MB
//! each) left the server at gigabytes resident that it never gave back.
//! A fixed threshold keeps every block of a megabyte or more in a mapping
//! of its own, returned when freed.

/// Fixes the allocator's threshold for blocks mapped on their own (glibc).
pub fn give_large_blocks_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a setting of the allocator, which it
    // reads under its own lock; any value is valid for this parameter.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
