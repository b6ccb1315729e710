//! Verifiable counting: a Merkle tree over the counted responses. The root is published with the
//! figures; a respondent's browser rebuilds its own leaf from what it sent (response id, receipt,
//! submission fingerprint) and checks the proof against the root, so a counted response cannot be
//! silently dropped or altered without some respondent being able to notice.
//!
//! Hashing follows RFC 6962 (Certificate Transparency): a leaf is SHA-256(0x00 ‖ leaf) and a node
//! SHA-256(0x01 ‖ left ‖ right), so a leaf can never pass for a node. Leaves are sorted by hash, so
//! the root does not depend on the order the store returns responses in. A node without a partner
//! moves up unchanged (never paired with itself, which would let two trees share a root).

use crate::receipt::Receipt;
use crate::response::ResponseId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::fmt;

/// A SHA-256 value, written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeHash(pub [u8; 32]);

/// Which side the sibling hash stands on when it is combined with the running hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
}

/// The path from a leaf to the root: siblings from the bottom up.
pub type Proof = Vec<(Side, NodeHash)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MerkleTree {
    /// `levels[0]` holds the sorted leaf hashes, the last level the root alone.
    levels: Vec<Vec<NodeHash>>,
}

/// The canonical leaf of one counted response. Fields are separated by newlines, which none of them
/// can hold (a UUID, a base32 receipt, and compact JSON whose strings escape newlines).
pub fn leaf_string(id: &ResponseId, receipt: &Receipt, fingerprint: &str) -> String {
    format!("{}\n{}\n{}", id.hyphenated(), receipt.as_str(), fingerprint)
}

pub fn leaf_hash(leaf: &str) -> NodeHash {
    NodeHash(Sha256::new().chain_update([0u8]).chain_update(leaf.as_bytes()).finalize().into())
}

pub(crate) fn node_hash(left: &NodeHash, right: &NodeHash) -> NodeHash {
    NodeHash(Sha256::new().chain_update([1u8]).chain_update(left.0).chain_update(right.0).finalize().into())
}

impl MerkleTree {
    /// Builds the tree over these leaf strings (see [`leaf_string`]). Equal leaves are kept, so the
    /// tree always has exactly one leaf per response given.
    pub fn new<S: AsRef<str>>(leaves: impl IntoIterator<Item = S>) -> MerkleTree {
        MerkleTree::from_hashes(leaves.into_iter().map(|l| leaf_hash(l.as_ref())).collect())
    }

    /// Builds the tree over leaf hashes already computed (a published leaves file holds them),
    /// sorted here so that the root does not depend on the order they come in.
    pub fn from_hashes(mut leaves: Vec<NodeHash>) -> MerkleTree {
        leaves.sort_unstable();
        MerkleTree::ordered(leaves)
    }

    /// Builds the tree over these level-0 hashes in the order given (the campaign tree orders its
    /// entries by unit code, see `results::digest`).
    pub(crate) fn ordered(level: Vec<NodeHash>) -> MerkleTree {
        let mut levels = vec![level];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let below = levels.last().expect("checked");
            let above = below
                .chunks(2)
                .map(|pair| match pair {
                    [l, r] => node_hash(l, r),
                    [lone] => *lone,
                    _ => unreachable!("chunks of 2"),
                })
                .collect();
            levels.push(above);
        }
        MerkleTree { levels }
    }

    /// Number of leaves.
    pub fn len(&self) -> usize {
        self.levels[0].len()
    }

    pub fn is_empty(&self) -> bool {
        self.levels[0].is_empty()
    }

    /// The root; for no leaf, SHA-256 of nothing (as RFC 6962 defines it).
    pub fn root(&self) -> NodeHash {
        match self.levels.last().and_then(|l| l.first()) {
            Some(root) => *root,
            None => NodeHash(Sha256::digest(b"").into()),
        }
    }

    pub fn root_hex(&self) -> String {
        self.root().to_string()
    }

    /// The proof that `leaf` is in the tree, or `None` if it is not.
    pub fn proof(&self, leaf: &str) -> Option<Proof> {
        let mut i = self.levels[0].binary_search(&leaf_hash(leaf)).ok()?;
        let mut proof = Vec::new();
        for level in &self.levels[..self.levels.len() - 1] {
            let sibling = i ^ 1;
            // A lone last node has no sibling: it moves up unchanged and adds no step.
            if let Some(h) = level.get(sibling) {
                proof.push((if sibling < i { Side::Left } else { Side::Right }, *h));
            }
            i /= 2;
        }
        Some(proof)
    }
}

/// Whether `proof` leads from `leaf` to `root`. Pure computation: it runs in the browser.
pub fn verify(leaf: &str, proof: &[(Side, NodeHash)], root: &NodeHash) -> bool {
    let top = proof.iter().fold(leaf_hash(leaf), |h, (side, sibling)| match side {
        Side::Left => node_hash(sibling, &h),
        Side::Right => node_hash(&h, sibling),
    });
    top == *root
}

/// As [`verify`], with the root as published (hex); a malformed root verifies nothing.
pub fn verify_hex(leaf: &str, proof: &[(Side, NodeHash)], root_hex: &str) -> bool {
    NodeHash::from_hex(root_hex).is_some_and(|root| verify(leaf, proof, &root))
}

impl NodeHash {
    /// Reads 64 hex digits, either case.
    pub fn from_hex(s: &str) -> Option<NodeHash> {
        let bytes = s.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let digit = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        let mut out = [0u8; 32];
        for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            *o = digit(pair[0])? << 4 | digit(pair[1])?;
        }
        Some(NodeHash(out))
    }
}

impl fmt::Display for NodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for NodeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodeHash({self})")
    }
}

impl Serialize for NodeHash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NodeHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<NodeHash, D::Error> {
        let s = String::deserialize(d)?;
        NodeHash::from_hex(&s).ok_or_else(|| serde::de::Error::custom("expected 64 hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn leaves(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let receipt = Receipt::from_random((i as u64).to_le_bytes());
                leaf_string(&Uuid::from_u128(i as u128), &receipt, &format!("{{\"answers\":{{\"a1\":{}}}}}", i % 6))
            })
            .collect()
    }

    #[test]
    fn known_hashes() {
        // SHA-256 of the empty string, and of 0x00 alone (the leaf hash of "").
        assert_eq!(
            MerkleTree::new(Vec::<String>::new()).root_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(leaf_hash("").to_string(), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        let one = MerkleTree::new(["x"]);
        assert_eq!(one.root(), leaf_hash("x"));
        assert_eq!(one.proof("x"), Some(vec![]));
    }

    #[test]
    fn every_leaf_verifies_for_small_and_odd_sizes() {
        for n in 1..=33 {
            let leaves = leaves(n);
            let tree = MerkleTree::new(&leaves);
            assert_eq!(tree.len(), n);
            let root = tree.root_hex();
            for leaf in &leaves {
                let proof = tree.proof(leaf).expect("every leaf has a proof");
                assert!(proof.len() <= (usize::BITS - (n - 1).leading_zeros()) as usize, "depth ⌈log2 n⌉");
                assert!(verify_hex(leaf, &proof, &root), "n = {n}");
            }
        }
    }

    #[test]
    fn tampering_fails() {
        let leaves = leaves(7);
        let tree = MerkleTree::new(&leaves);
        let root = tree.root();
        let proof = tree.proof(&leaves[3]).unwrap();
        assert!(verify(&leaves[3], &proof, &root));
        // Another leaf's content, a changed sibling, a flipped side, a dropped step, another root.
        assert!(!verify(&leaves[3].replace("\"a1\":3", "\"a1\":4"), &proof, &root));
        let mut bad = proof.clone();
        bad[0].1.0[0] ^= 1;
        assert!(!verify(&leaves[3], &bad, &root));
        let mut bad = proof.clone();
        bad[1].0 = if bad[1].0 == Side::Left { Side::Right } else { Side::Left };
        assert!(!verify(&leaves[3], &bad, &root));
        assert!(!verify(&leaves[3], &proof[1..], &root));
        assert!(!verify(&leaves[3], &proof, &MerkleTree::new(&leaves[..6]).root()));
        assert!(tree.proof("not counted").is_none());
        assert!(!verify_hex(&leaves[3], &proof, "zz"));
    }

    #[test]
    fn root_ignores_order_and_sees_every_leaf() {
        let mut leaves = leaves(10);
        let root = MerkleTree::new(&leaves).root();
        leaves.reverse();
        assert_eq!(MerkleTree::new(&leaves).root(), root);
        leaves.pop();
        assert_ne!(MerkleTree::new(&leaves).root(), root);
        let doubled: Vec<_> = leaves.iter().chain(&leaves[..1]).collect();
        assert_ne!(MerkleTree::new(&doubled).root(), MerkleTree::new(&leaves).root(), "a double count shows");
    }

    #[test]
    fn hashes_and_proofs_travel_as_hex_json() {
        let leaves = leaves(3);
        let tree = MerkleTree::new(&leaves);
        let proof = tree.proof(&leaves[0]).unwrap();
        let json = serde_json::to_string(&proof).unwrap();
        assert!(json.starts_with("[[\"") && json.contains(&proof[0].1.to_string()));
        let back: Proof = serde_json::from_str(&json).unwrap();
        assert_eq!(back, proof);
        assert_eq!(NodeHash::from_hex(&tree.root_hex().to_uppercase()), Some(tree.root()));
        assert!(serde_json::from_str::<NodeHash>("\"abc\"").is_err());
    }

    proptest! {
        #[test]
        fn proofs_verify_for_any_leaves(
            raw in prop::collection::vec("[a-z0-9]{0,12}", 1..40),
            pick in any::<prop::sample::Index>(),
        ) {
            let tree = MerkleTree::new(&raw);
            let leaf = &raw[pick.index(raw.len())];
            let proof = tree.proof(leaf).unwrap();
            prop_assert!(verify(leaf, &proof, &tree.root()));
            let tampered = format!("{leaf}!");
            prop_assert!(!verify(&tampered, &proof, &tree.root()));
        }
    }
}
