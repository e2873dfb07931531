//! Slices of small fixed-size records serialized as one run of bytes: a length and the
//! records' bytes, read back chunk by chunk. A sequence of records in serde's data model
//! costs a call and a varint per field; the built-in chain's snapshot holds hundreds of
//! thousands of them (the cue index's starts and pairs), so its big tables are written so.
//!
//! Use on a field with `#[serde(with = "crate::util::flat")]`: any collection of a [`Flat`]
//! record that is a slice (`Vec`, `Box<[_]>`, `Arc<[_]>`) and can be collected.

use std::fmt;
use std::marker::PhantomData;

/// A record of fixed size in bytes (little-endian fields, one after another).
pub(crate) trait Flat: Copy {
    /// Its size in bytes.
    const SIZE: usize;
    /// Appends its bytes to `out`.
    fn put(&self, out: &mut Vec<u8>);
    /// The record of `bytes` (exactly [`SIZE`](Self::SIZE) of them).
    fn get(bytes: &[u8]) -> Self;
}

/// `N` bytes of `bytes` from `at` (whose length the caller checked).
#[inline]
fn bytes_at<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

impl Flat for u32 {
    const SIZE: usize = 4;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    #[inline]
    fn get(bytes: &[u8]) -> u32 {
        u32::from_le_bytes(bytes_at(bytes, 0))
    }
}

impl Flat for u64 {
    const SIZE: usize = 8;
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    #[inline]
    fn get(bytes: &[u8]) -> u64 {
        u64::from_le_bytes(bytes_at(bytes, 0))
    }
}

impl Flat for bool {
    const SIZE: usize = 1;
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    #[inline]
    fn get(bytes: &[u8]) -> bool {
        bytes[0] != 0
    }
}

impl<A: Flat, B: Flat> Flat for (A, B) {
    const SIZE: usize = A::SIZE + B::SIZE;
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    #[inline]
    fn get(bytes: &[u8]) -> (A, B) {
        (A::get(&bytes[..A::SIZE]), B::get(&bytes[A::SIZE..]))
    }
}

/// Writes `items` as one run of bytes.
pub(crate) fn serialize<T, C, S>(items: &C, s: S) -> Result<S::Ok, S::Error>
where
    T: Flat,
    C: AsRef<[T]>,
    S: serde::Serializer,
{
    let items = items.as_ref();
    let mut bytes = Vec::with_capacity(items.len() * T::SIZE);
    for item in items {
        item.put(&mut bytes);
    }
    s.serialize_bytes(&bytes)
}

/// Reads what [`serialize`] wrote. Errors: a length that is not a whole number of records.
pub(crate) fn deserialize<'de, T, C, D>(d: D) -> Result<C, D::Error>
where
    T: Flat,
    C: FromIterator<T>,
    D: serde::Deserializer<'de>,
{
    struct Records<T, C>(PhantomData<(T, C)>);

    impl<T: Flat, C: FromIterator<T>> serde::de::Visitor<'_> for Records<T, C> {
        type Value = C;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "records of {} bytes", T::SIZE)
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<C, E> {
            if !bytes.len().is_multiple_of(T::SIZE) {
                return Err(E::invalid_length(bytes.len(), &self));
            }
            Ok(bytes.chunks_exact(T::SIZE).map(T::get).collect())
        }
    }

    d.deserialize_bytes(Records(PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Tables {
        #[serde(with = "super")]
        pairs: Vec<(u32, u32)>,
        #[serde(with = "super")]
        flags: Box<[bool]>,
        #[serde(with = "super")]
        wide: std::sync::Arc<[u64]>,
        after: u8,
    }

    /// Records read back as written, empty ones too, and a field after them; a run of bytes
    /// that is not whole records is an error.
    #[test]
    fn records_round_trip() {
        for tables in [
            Tables {
                pairs: vec![(0, u32::MAX), (7, 1 << 31)],
                flags: vec![true, false, true].into(),
                wide: vec![u64::MAX, 0, 1 << 40].into(),
                after: 9,
            },
            Tables {
                pairs: Vec::new(),
                flags: Box::default(),
                wide: Vec::new().into(),
                after: 0,
            },
        ] {
            let bytes = postcard::to_allocvec(&tables).unwrap();
            assert_eq!(postcard::from_bytes::<Tables>(&bytes).unwrap(), tables);
        }
        // Three bytes of pairs (the length's varint, 3, then three bytes).
        assert!(postcard::from_bytes::<Tables>(&[3, 0, 0, 0, 0, 0, 0]).is_err());
    }
}
