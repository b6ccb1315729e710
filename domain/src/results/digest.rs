//! The published digest of a campaign version, built so that nothing is written per response at
//! publish time and a receipt can still be checked in the browser: one Merkle tree per unit over
//! its counted responses, published as that unit's *leaves file*, and a campaign tree over the
//! units' roots, published as the *roots file*; the campaign digest is the root of that tree.
//!
//! The scheme (`hailong-merkle-v1`), enough to rebuild every hash from the published files:
//! - **Leaf** of a counted response: the UTF-8 text `{response id}\n{receipt}\n{fingerprint}` (see
//!   [`leaf_string`](super::leaf_string)); its hash is `SHA-256(0x00 ‖ leaf)`. Only leaf hashes are
//!   published, never the text: it holds the receipt and the answers.
//! - **Unit root**: the leaf hashes of the unit's counted responses in the version, sorted
//!   ascending (as bytes); each level pairs neighbours, a node is `SHA-256(0x01 ‖ left ‖ right)`;
//!   a last node without a partner moves up unchanged. A unit with no counted response has the
//!   root `SHA-256("")` (RFC 6962).
//! - **Unit entry**: `SHA-256(0x02 ‖ "{campaign}\n{unit}\n{n}\n" ‖ unit root)`, `n` the number of
//!   leaves in decimal. The prefix 0x02 keeps an entry from passing for a leaf (0x00) or a node
//!   (0x01); naming the campaign and unit keeps one unit's tree from standing in for another's; `n`
//!   binds the published count of the unit to its leaves.
//! - **Campaign digest**: the entries of every unit of the campaign, ordered by unit code
//!   ascending (as bytes), combined as the unit tree combines leaves (0x01 nodes, a lone node moves
//!   up); `SHA-256("")` for a campaign without units.
//!
//! An exclusion is a new version: the excluded response's leaf is absent from its unit's new
//! leaves file, so its receipt no longer checks against the latest digest.

use super::merkle::{MerkleTree, NodeHash};
use crate::code::{CampaignId, UnitCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The name of this scheme, written in every published file.
pub const SCHEME: &str = "hailong-merkle-v1";

/// Where a version's roots file is stored, beside its snapshot `results/{campaign}/v{version}.json`.
pub fn roots_path(campaign: &str, version: u32) -> String {
    format!("results/{campaign}/v{version}/roots.json")
}

/// Where a unit's leaves file of a version is stored.
pub fn leaves_path(campaign: &str, version: u32, unit: &str) -> String {
    format!("results/{campaign}/v{version}/leaves/{unit}.json")
}

/// One unit's published leaves file: the hashes of its counted responses' leaves, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLeaves {
    pub scheme: String,
    pub campaign: CampaignId,
    pub version: u32,
    pub unit: UnitCode,
    pub leaves: Vec<NodeHash>,
}

/// One unit in the roots file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRoot {
    pub unit: UnitCode,
    /// Counted responses: the number of leaves.
    pub n: u64,
    pub root: NodeHash,
}

/// A version's published roots file: every unit's root, ordered by unit code, and the digest they
/// make (the one the snapshot and the list of publications carry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRoots {
    pub scheme: String,
    pub campaign: CampaignId,
    pub version: u32,
    pub digest: NodeHash,
    pub units: Vec<UnitRoot>,
}

/// Why a receipt does not check against a published version, in the order the checks are made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProofError {
    #[error("the published digest {0:?} is not 64 hex digits")]
    BadDigest(String),
    #[error("the files are of {found}, not of {expected}")]
    WrongFile { expected: String, found: String },
    #[error("the response is not among the unit's counted responses")]
    NotCounted,
    #[error("unit {0} is not in the roots file")]
    UnitMissing(String),
    #[error("the leaves of unit {0} do not make the root the roots file gives it")]
    UnitMismatch(String),
    #[error("the unit roots do not make the published digest")]
    DigestMismatch,
}

impl UnitLeaves {
    /// The leaves file of a unit from the leaf hashes of its counted responses, in any order.
    pub fn new(campaign: CampaignId, version: u32, unit: UnitCode, mut leaves: Vec<NodeHash>) -> UnitLeaves {
        leaves.sort_unstable();
        UnitLeaves { scheme: SCHEME.to_owned(), campaign, version, unit, leaves }
    }

    /// This unit's line of the roots file (its tree is built here, then dropped).
    pub fn root(&self) -> UnitRoot {
        UnitRoot {
            unit: self.unit.clone(),
            n: self.leaves.len() as u64,
            root: MerkleTree::from_hashes(self.leaves.clone()).root(),
        }
    }
}

fn entry_hash(campaign: &CampaignId, u: &UnitRoot) -> NodeHash {
    let head = format!("{campaign}\n{}\n{}\n", u.unit, u.n);
    NodeHash(Sha256::new().chain_update([2u8]).chain_update(head.as_bytes()).chain_update(u.root.0).finalize().into())
}

/// The campaign digest over these units' roots, in any order (they are sorted by code here).
pub fn campaign_digest(campaign: &CampaignId, units: &[UnitRoot]) -> NodeHash {
    let mut sorted: Vec<&UnitRoot> = units.iter().collect();
    sorted.sort_unstable_by(|a, b| a.unit.as_str().cmp(b.unit.as_str()));
    MerkleTree::ordered(sorted.into_iter().map(|u| entry_hash(campaign, u)).collect()).root()
}

impl UnitRoots {
    /// The roots file of a version from every unit's root (one per unit of the campaign).
    pub fn new(campaign: CampaignId, version: u32, mut units: Vec<UnitRoot>) -> UnitRoots {
        units.sort_unstable_by(|a, b| a.unit.as_str().cmp(b.unit.as_str()));
        let digest = campaign_digest(&campaign, &units);
        UnitRoots { scheme: SCHEME.to_owned(), campaign, version, digest, units }
    }

    /// Counted responses over all units.
    pub fn n(&self) -> u64 {
        self.units.iter().map(|u| u.n).sum()
    }
}

/// Whether the response whose leaf hashes to `leaf` is counted in the version whose digest was
/// published as `digest_hex`, from its unit's leaves file and the version's roots file. Nothing
/// the files say about themselves is trusted: the unit root and the digest are recomputed. Pure
/// computation: it runs in the browser.
pub fn verify_receipt(
    leaf: &NodeHash,
    leaves: &UnitLeaves,
    roots: &UnitRoots,
    digest_hex: &str,
) -> Result<(), ProofError> {
    let digest = NodeHash::from_hex(digest_hex).ok_or_else(|| ProofError::BadDigest(digest_hex.to_owned()))?;
    let version = |c: &CampaignId, v: u32| format!("{c} v{v}");
    if (&leaves.campaign, leaves.version) != (&roots.campaign, roots.version) {
        return Err(ProofError::WrongFile {
            expected: version(&roots.campaign, roots.version),
            found: version(&leaves.campaign, leaves.version),
        });
    }
    if !leaves.leaves.contains(leaf) {
        return Err(ProofError::NotCounted);
    }
    let listed = roots
        .units
        .iter()
        .find(|u| u.unit == leaves.unit)
        .ok_or_else(|| ProofError::UnitMissing(leaves.unit.to_string()))?;
    if *listed != leaves.root() {
        return Err(ProofError::UnitMismatch(leaves.unit.to_string()));
    }
    if campaign_digest(&roots.campaign, &roots.units) != digest {
        return Err(ProofError::DigestMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::Receipt;
    use crate::results::merkle::{leaf_hash, leaf_string};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn leaf(i: u64) -> String {
        let receipt = Receipt::from_random(i.to_le_bytes());
        leaf_string(&Uuid::from_u128(u128::from(i)), &receipt, &format!("{{\"answers\":{{\"a1\":{}}}}}", i % 6))
    }

    fn campaign() -> CampaignId {
        CampaignId::parse("cam-ranh-2026").unwrap()
    }

    fn unit(i: usize) -> UnitCode {
        UnitCode::parse(&format!("ubnd-{i:02}")).unwrap()
    }

    /// `sizes[u]` responses in unit u, numbered across the campaign; `skip` left out (excluded).
    fn publish(version: u32, sizes: &[usize], skip: &[u64]) -> (Vec<UnitLeaves>, UnitRoots) {
        let mut next = 0u64;
        let files: Vec<UnitLeaves> = sizes
            .iter()
            .enumerate()
            .map(|(u, &size)| {
                let hashes = (next..next + size as u64).filter(|i| !skip.contains(i)).map(|i| leaf_hash(&leaf(i)));
                next += size as u64;
                UnitLeaves::new(campaign(), version, unit(u), hashes.collect())
            })
            .collect();
        let roots = UnitRoots::new(campaign(), version, files.iter().map(UnitLeaves::root).collect());
        (files, roots)
    }

    #[test]
    fn every_counted_response_verifies() {
        let (files, roots) = publish(1, &[3, 0, 1, 7, 2], &[]);
        let digest = roots.digest.to_string();
        assert_eq!(roots.n(), 13);
        let mut i = 0;
        for file in &files {
            for _ in &file.leaves {
                assert_eq!(verify_receipt(&leaf_hash(&leaf(i)), file, &roots, &digest), Ok(()), "response {i}");
                i += 1;
            }
        }
    }

    #[test]
    fn known_values() {
        // The empty campaign and a unit with no response both hash the empty string.
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(campaign_digest(&campaign(), &[]).to_string(), empty);
        let (files, roots) = publish(1, &[0], &[]);
        assert_eq!(files[0].root().root.to_string(), empty);
        // One unit: the digest is its entry, SHA-256(0x02 ‖ "cam-ranh-2026\nubnd-00\n0\n" ‖ root).
        let mut bytes = vec![2u8];
        bytes.extend_from_slice(b"cam-ranh-2026\nubnd-00\n0\n");
        bytes.extend_from_slice(&Sha256::digest(b""));
        assert_eq!(roots.digest, NodeHash(Sha256::digest(&bytes).into()));
    }

    #[test]
    fn a_changed_leaf_another_unit_or_an_exclusion_does_not_verify() {
        let (files, roots) = publish(1, &[4, 4], &[]);
        let digest = roots.digest.to_string();
        let mine = leaf_hash(&leaf(1));
        assert_eq!(verify_receipt(&mine, &files[0], &roots, &digest), Ok(()));
        // Changed answers make another leaf.
        let changed = leaf_hash(&leaf(1).replace("\"a1\":1", "\"a1\":2"));
        assert_eq!(verify_receipt(&changed, &files[0], &roots, &digest), Err(ProofError::NotCounted));
        // The leaf is not in another unit's file.
        assert_eq!(verify_receipt(&mine, &files[1], &roots, &digest), Err(ProofError::NotCounted));
        // A leaves file claiming the leaf of another unit: the root it makes is not that unit's.
        let mut moved = files[1].clone();
        moved.leaves.push(mine);
        assert_eq!(verify_receipt(&mine, &moved, &roots, &digest), Err(ProofError::UnitMismatch("ubnd-01".into())));
        // Excluded, then a second version: absent from its unit's file of the new version, and
        // the first version's file does not check against the new digest.
        let (files2, roots2) = publish(2, &[4, 4], &[1]);
        let digest2 = roots2.digest.to_string();
        assert_ne!(digest2, digest);
        assert_eq!(verify_receipt(&mine, &files2[0], &roots2, &digest2), Err(ProofError::NotCounted));
        assert!(matches!(verify_receipt(&mine, &files[0], &roots2, &digest2), Err(ProofError::WrongFile { .. })));
        assert_eq!(verify_receipt(&mine, &files[0], &roots, &digest2), Err(ProofError::DigestMismatch));
        // The others still verify in the new version.
        assert_eq!(verify_receipt(&leaf_hash(&leaf(0)), &files2[0], &roots2, &digest2), Ok(()));
        assert_eq!(verify_receipt(&leaf_hash(&leaf(5)), &files2[1], &roots2, &digest2), Ok(()));
        assert!(matches!(verify_receipt(&mine, &files[0], &roots, "zz"), Err(ProofError::BadDigest(_))));
    }

    #[test]
    fn a_roots_file_that_lies_is_caught() {
        let (files, roots) = publish(1, &[3, 3], &[]);
        let digest = roots.digest.to_string();
        let mine = leaf_hash(&leaf(0));
        // A count that is not the number of leaves.
        let mut bad = roots.clone();
        bad.units[0].n += 1;
        assert_eq!(verify_receipt(&mine, &files[0], &bad, &digest), Err(ProofError::UnitMismatch("ubnd-00".into())));
        // A unit dropped from the roots file, with its digest recomputed: not the published one.
        let fewer = UnitRoots::new(campaign(), 1, roots.units[..1].to_vec());
        assert_eq!(verify_receipt(&mine, &files[0], &fewer, &digest), Err(ProofError::DigestMismatch));
        let mut gone = roots.clone();
        gone.units.remove(0);
        assert_eq!(verify_receipt(&mine, &files[0], &gone, &digest), Err(ProofError::UnitMissing("ubnd-00".into())));
        // The same roots under another campaign's name make another digest.
        let other = UnitRoots::new(CampaignId::parse("elsewhere").unwrap(), 1, roots.units.clone());
        assert_ne!(other.digest, roots.digest);
    }

    #[test]
    fn files_travel_as_json() {
        let (files, roots) = publish(3, &[2], &[]);
        let json = serde_json::to_value(&files[0]).unwrap();
        assert_eq!(json["scheme"], SCHEME);
        assert_eq!(json["leaves"][0].as_str().unwrap().len(), 64);
        assert_eq!(serde_json::from_value::<UnitLeaves>(json).unwrap(), files[0]);
        let json = serde_json::to_string(&roots).unwrap();
        assert_eq!(serde_json::from_str::<UnitRoots>(&json).unwrap(), roots);
        assert_eq!(roots_path("c", 3), "results/c/v3/roots.json");
        assert_eq!(leaves_path("c", 3, "u"), "results/c/v3/leaves/u.json");
    }

    proptest! {
        #[test]
        fn digest_ignores_order_and_sees_every_leaf(
            sizes in prop::collection::vec(0usize..9, 1..8),
            pick in any::<prop::sample::Index>(),
        ) {
            let (files, roots) = publish(1, &sizes, &[]);
            let mut shuffled: Vec<UnitLeaves> = files.iter().rev().cloned().collect();
            for f in &mut shuffled {
                f.leaves.reverse();
            }
            let again = UnitRoots::new(campaign(), 1, shuffled.iter().map(UnitLeaves::root).collect());
            prop_assert_eq!(&again.digest, &roots.digest);
            let total: usize = sizes.iter().sum();
            if total > 0 {
                let i = pick.index(total) as u64;
                let (_, fewer) = publish(1, &sizes, &[i]);
                prop_assert_ne!(fewer.digest, roots.digest);
            }
        }
    }
}
