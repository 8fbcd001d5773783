// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IRoundLedger
/// @notice What a reviewer, a coordinator or a site needs to know of the round ledger: its records, events, errors
/// and functions. RoundLedger implements it; the role administration comes from OpenZeppelin's AccessControl.
interface IRoundLedger {
    /// @notice One accepted update: the contributing site (its index in the run's site list), its training examples,
    /// the digest of its ciphertexts, and the site's cumulative differential-privacy ε after this round's training in
    /// millionths (0 when the plan has no DP-SGD), and the root of the site's consent tree (the sorted pseudonyms of
    /// the patients it trained on; zero for data without patient identities), both as the site signed them in its
    /// update envelope. Its Merkle leaf is `(sites[siteIndex], examples, digest, epsilonMicros, consentRoot)`.
    struct Contribution {
        uint256 siteIndex;
        uint256 examples;
        bytes32 digest;
        uint256 epsilonMicros;
        bytes32 consentRoot;
    }

    /// @notice A site's EIP-712 RoundAttestation signature in EIP-2098 compact form, with the signer's index in the
    /// run's site list (checked against the recovered signer).
    struct SiteSignature {
        uint256 siteIndex;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice The EIP-712 message a site signs for a round (fields as in ROUND_ATTESTATION_TYPEHASH).
    struct RoundAttestation {
        uint256 runId;
        uint256 round;
        bytes32 prevModelHash;
        bytes32 modelHash;
        bytes32 aggregateDigest;
        bytes32 contributionsRoot;
        uint256 totalExamples;
    }

    /// @notice A run; `coordinator`, `quorum`, `siteCount` and `latestRound` share one storage slot; `sitesHash` is
    /// keccak256(abi.encode(sites)), so a commit can take the site list as calldata instead of reading storage per site.
    struct Run {
        bytes32 planHash;
        bytes32 genesisModelHash;
        address coordinator;
        uint16 quorum;
        uint16 siteCount;
        uint64 latestRound;
        bytes32 sitesHash;
    }

    /// @notice A committed round; prevModelHash is the previous round's modelHash (genesis for round 1).
    struct Round {
        bytes32 modelHash;
        bytes32 aggregateDigest;
        bytes32 contributionsRoot;
        uint64 totalExamples;
        uint64 timestamp;
        uint64 blockNumber;
    }

    /// @notice A run was created with its plan, genesis model, sites and attestation quorum.
    event RunCreated(
        uint256 indexed runId,
        bytes32 planHash,
        bytes32 genesisModelHash,
        address indexed coordinator,
        address[] sites,
        uint16 quorum
    );
    /// @notice A round was committed; `attesters` are the recovered signers of the quorum's attestations. Filtered by
    /// `modelHash`, these events name every run and round that committed a model.
    event RoundCommitted(
        uint256 indexed runId,
        uint256 indexed round,
        bytes32 indexed modelHash,
        bytes32 prevModelHash,
        bytes32 aggregateDigest,
        bytes32 contributionsRoot,
        uint256 totalExamples,
        address[] attesters
    );
    /// @notice One contribution of a committed round (a leaf of its contributions Merkle tree), with the site's
    /// cumulative privacy spend ε in millionths after the round (0 without DP-SGD), so the spend is public record, and
    /// its consent root, against which anyone checks a patient's inclusion or exclusion proof (`medfl consent check`).
    event ContributionRecorded(
        uint256 indexed runId,
        uint256 indexed round,
        address indexed site,
        uint256 examples,
        bytes32 digest,
        uint256 epsilonMicros,
        bytes32 consentRoot
    );
    /// @notice An attempt at the run's open round was closed: `setHash` commits to its contributions and decryptors
    /// (common/wire/attemptSetHash.ts). Sites read it before releasing a decryption share, so all of them release
    /// shares for the same sets or none do.
    event AttemptClosed(uint256 indexed runId, uint256 indexed round, uint256 indexed attempt, bytes32 setHash);

    /// @notice The site list is empty, longer than 256, or the quorum is outside 1..sites.
    error RoundLedgerInvalidSites(uint256 siteCount, uint16 quorum);
    /// @notice A site address is zero or listed twice.
    error RoundLedgerInvalidSite(address site);
    /// @notice No run has this id.
    error RoundLedgerUnknownRun(uint256 runId);
    /// @notice The round is not the run's latest + 1, its open round (committed rounds are never overwritten, and only
    /// the open round's attempts are closed).
    error RoundLedgerRoundOutOfOrder(uint256 runId, uint256 expected, uint256 given);
    /// @notice prevModelHash is not the run's latest model (genesis before round 1).
    error RoundLedgerWrongPrevModel(uint256 runId, bytes32 expected, bytes32 given);
    /// @notice This run already committed the model hash at an earlier round that is not the parent (only a round
    /// that leaves its parent's model unchanged may repeat a hash); other runs never block it.
    error RoundLedgerModelAlreadyCommitted(bytes32 modelHash, uint256 runId, uint256 round);
    /// @notice Only the coordinator that created the run may commit its rounds or close their attempts.
    error RoundLedgerNotRunCoordinator(uint256 runId, address caller, address coordinator);
    /// @notice The model hash is zero (it would alias "no round" in getRound).
    error RoundLedgerZeroModelHash();
    /// @notice The round carries no contributions.
    error RoundLedgerNoContributions();
    /// @notice The site list passed with a commit is not the run's (by length or by hash).
    error RoundLedgerSitesMismatch(uint256 runId);
    /// @notice A contribution's site index is outside the run's site list.
    error RoundLedgerContributorNotSite(uint256 runId, uint256 siteIndex);
    /// @notice Two contributions name the same site.
    error RoundLedgerDuplicateContributor(address site);
    /// @notice The contributions' examples do not add up to totalExamples (or it exceeds 2^64-1).
    error RoundLedgerExamplesMismatch(uint256 expected, uint256 given);
    /// @notice The contributions, in multiproof order, do not hash to contributionsRoot.
    error RoundLedgerContributionsRootMismatch(bytes32 given);
    /// @notice A signature is malformed.
    error RoundLedgerBadSignature(uint256 index);
    /// @notice A signature recovers to an address that is not the site at its index (or the index is out of range).
    error RoundLedgerSignerNotSite(uint256 runId, address signer);
    /// @notice Two signatures recover to the same site.
    error RoundLedgerDuplicateSigner(address signer);
    /// @notice Fewer distinct site signatures than the run's quorum.
    error RoundLedgerQuorumNotReached(uint256 runId, uint256 signers, uint256 quorum);
    /// @notice The set hash is zero (it would alias "not closed" in closedAttempt).
    error RoundLedgerZeroSetHash();
    /// @notice The attempt was already closed, with `setHash`; an attempt's sets are recorded once, even when the same
    /// hash is sent again, so no site can be shown a second set for it.
    error RoundLedgerAttemptAlreadyClosed(uint256 runId, uint256 round, uint256 attempt, bytes32 setHash);

    /// @notice Role allowed to create runs, and to commit the rounds (and close the attempts) of the runs its holder
    /// created (revoking it stops a coordinator's runs; it never lets another account commit them).
    function COORDINATOR_ROLE() external view returns (bytes32);

    /// @notice EIP-712 type hash of the attestation each site signs.
    function ROUND_ATTESTATION_TYPEHASH() external view returns (bytes32);

    /// @notice Creates a run whose rounds must be attested by `quorum` of `sites`.
    /// @param planHash hash of the approved training plan
    /// @param genesisModelHash modelHash of the initial model (prevModelHash of round 1)
    /// @param sites distinct non-zero site addresses (at most 256)
    /// @param quorum attestations required per round, 1..sites.length
    /// @return runId the new run's id, counting from 1
    function createRun(bytes32 planHash, bytes32 genesisModelHash, address[] calldata sites, uint16 quorum)
        external
        returns (uint256 runId);

    /// @notice Commits a round (`attestation.runId`, `attestation.round`), checked against the run's lineage,
    /// contributions and the sites' attestations of exactly these fields. Only the run's coordinator may send it.
    /// Model hashes are unique per run, never across runs: another run committing the same hash blocks nothing.
    /// Within a run, a round may leave its parent's model unchanged (`modelHash == prevModelHash`, e.g. every update
    /// zero): it commits, its contributions and attestations are that round's record, and roundOfModel keeps the
    /// first round that produced the hash. A hash the run committed at an earlier, non-adjacent round is refused.
    /// The genesis model is no round's: a round may produce it (it is then indexed at that round).
    /// @param attestation the attested fields: runId, round, prevModelHash, modelHash, aggregateDigest,
    /// contributionsRoot, totalExamples
    /// @param sites the run's site list as registered by createRun (checked against its hash)
    /// @param contributions the Merkle leaves in the order `StandardMerkleTree.getMultiProof(all).leaves` returns
    /// @param signatures EIP-712 RoundAttestation signatures of distinct sites, at least the run's quorum
    function commitRound(
        RoundAttestation calldata attestation,
        address[] calldata sites,
        Contribution[] calldata contributions,
        SiteSignature[] calldata signatures
    ) external;

    /// @notice Closes an attempt at the run's open round (latestRound + 1) by recording the hash of its contributions
    /// and decryptors, once: a second close of the same attempt is refused, with the same hash or another. Only the
    /// run's coordinator may send it. Another attempt of the same round may be closed after it (a failed attempt is
    /// retried under a new number); a committed round's attempts can no longer be closed.
    /// @param runId the run
    /// @param round the run's open round
    /// @param attempt the attempt's number within the round
    /// @param setHash the non-zero hash of the attempt's contributions and decryptors (common/wire/attemptSetHash.ts)
    function closeAttempt(uint256 runId, uint256 round, uint256 attempt, bytes32 setHash) external;

    /// @notice The set hash an attempt was closed with (zero while it is not closed).
    function closedAttempt(uint256 runId, uint256 round, uint256 attempt) external view returns (bytes32);

    /// @notice The run's record (zeroes when unknown).
    function getRun(uint256 runId) external view returns (Run memory);

    /// @notice The committed round (zeroes when not committed).
    function getRound(uint256 runId, uint256 round) external view returns (Round memory);

    /// @notice The first round of `runId` that produced `modelHash`; 0 when that run never committed it. To find the
    /// runs that committed a model, filter RoundCommitted events by their indexed `modelHash`.
    function roundOfModel(uint256 runId, bytes32 modelHash) external view returns (uint256 round);

    /// @notice The run's last committed round (0 before any commit).
    function latestRound(uint256 runId) external view returns (uint256);

    /// @notice Whether `account` is a registered site of `runId`.
    function isSite(uint256 runId, address account) external view returns (bool);

    /// @notice Number of runs created so far (the latest runId).
    function runCount() external view returns (uint256);
}
