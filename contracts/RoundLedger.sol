// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title RoundLedger
/// @notice Public record of federated-learning runs: each aggregation round's model hash, the contributions
/// that produced it (Merkle root + events) and the EIP-712 attestations of a quorum of registered sites.
/// @dev A round is never overwritten; a model hash identifies at most one round across all runs.
contract RoundLedger is AccessControl, EIP712 {
    /// @notice Role allowed to create runs and commit rounds.
    bytes32 public constant COORDINATOR_ROLE = keccak256("COORDINATOR_ROLE");

    /// @notice EIP-712 type hash of the attestation each site signs.
    bytes32 public constant ROUND_ATTESTATION_TYPEHASH = keccak256(
        "RoundAttestation(uint256 runId,uint256 round,bytes32 prevModelHash,bytes32 modelHash,bytes32 aggregateDigest,bytes32 contributionsRoot,uint256 totalExamples)"
    );

    /// @notice One accepted update: the contributing site (its index in the run's site list), its training examples,
    /// and the digest of its ciphertexts. Its Merkle leaf is `(sites[siteIndex], examples, digest)`.
    struct Contribution {
        uint256 siteIndex;
        uint256 examples;
        bytes32 digest;
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

    /// @dev What is stored per round, keyed by model hash so one slot both indexes the model and packs the
    /// numbers: 4 new slots per round instead of 5 (measured in experiments/benchmarks/gas.ts).
    struct StoredRound {
        bytes32 aggregateDigest;
        bytes32 contributionsRoot;
        uint64 runId;
        uint32 round;
        uint64 totalExamples;
        uint48 timestamp;
        uint48 blockNumber;
    }

    uint256 private _runCount;
    mapping(uint256 runId => Run) private _runs;
    /// @dev site index + 1 (0 = not a site): duplicate check at createRun and isSite; commits use the calldata list.
    mapping(uint256 runId => mapping(address site => uint256)) private _siteSlot;
    mapping(uint256 runId => mapping(uint256 round => bytes32 modelHash)) private _modelOf;
    mapping(bytes32 modelHash => StoredRound) private _byModel;

    /// @notice A run was created with its plan, genesis model, sites and attestation quorum.
    event RunCreated(
        uint256 indexed runId,
        bytes32 planHash,
        bytes32 genesisModelHash,
        address indexed coordinator,
        address[] sites,
        uint16 quorum
    );
    /// @notice A round was committed; `attesters` are the recovered signers of the quorum's attestations.
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
    /// @notice One contribution of a committed round (a leaf of its contributions Merkle tree).
    event ContributionRecorded(
        uint256 indexed runId, uint256 indexed round, address indexed site, uint256 examples, bytes32 digest
    );

    /// @notice The site list is empty, longer than 256, or the quorum is outside 1..sites.
    error RoundLedgerInvalidSites(uint256 siteCount, uint16 quorum);
    /// @notice A site address is zero or listed twice.
    error RoundLedgerInvalidSite(address site);
    /// @notice No run has this id.
    error RoundLedgerUnknownRun(uint256 runId);
    /// @notice The round is not the run's latest + 1 (committed rounds are never overwritten).
    error RoundLedgerRoundOutOfOrder(uint256 runId, uint256 expected, uint256 given);
    /// @notice prevModelHash is not the run's latest model (genesis before round 1).
    error RoundLedgerWrongPrevModel(uint256 runId, bytes32 expected, bytes32 given);
    /// @notice This model hash was already committed (in this or another run).
    error RoundLedgerModelAlreadyCommitted(bytes32 modelHash, uint256 runId, uint256 round);
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

    /// @notice The deployer administers roles (grants COORDINATOR_ROLE).
    constructor() EIP712("RoundLedger", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
    }

    /// @notice Creates a run whose rounds must be attested by `quorum` of `sites`.
    /// @param planHash hash of the approved training plan
    /// @param genesisModelHash modelHash of the initial model (prevModelHash of round 1)
    /// @param sites distinct non-zero site addresses (at most 256)
    /// @param quorum attestations required per round, 1..sites.length
    /// @return runId the new run's id, counting from 1
    function createRun(bytes32 planHash, bytes32 genesisModelHash, address[] calldata sites, uint16 quorum)
        external
        onlyRole(COORDINATOR_ROLE)
        returns (uint256 runId)
    {
        if (sites.length == 0 || sites.length > 256 || quorum == 0 || quorum > sites.length) {
            revert RoundLedgerInvalidSites(sites.length, quorum);
        }
        runId = ++_runCount; // never near 2^64, which StoredRound.runId assumes
        for (uint256 i = 0; i < sites.length; ++i) {
            address site = sites[i];
            if (site == address(0) || _siteSlot[runId][site] != 0) revert RoundLedgerInvalidSite(site);
            _siteSlot[runId][site] = i + 1;
        }
        _runs[runId] =
            Run(planHash, genesisModelHash, msg.sender, quorum, uint16(sites.length), 0, keccak256(abi.encode(sites)));
        emit RunCreated(runId, planHash, genesisModelHash, msg.sender, sites, quorum);
    }

    /// @notice Commits a round (`attestation.runId`, `attestation.round`), checked against the run's lineage,
    /// contributions and the sites' attestations of exactly these fields.
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
    ) external onlyRole(COORDINATOR_ROLE) {
        _commit(attestation, sites, contributions, signatures);
    }

    /// @notice The run's record (zeroes when unknown).
    function getRun(uint256 runId) external view returns (Run memory) {
        return _runs[runId];
    }

    /// @notice The committed round (zeroes when not committed).
    function getRound(uint256 runId, uint256 round) external view returns (Round memory) {
        bytes32 modelHash = _modelOf[runId][round];
        StoredRound storage r = _byModel[modelHash];
        return Round(modelHash, r.aggregateDigest, r.contributionsRoot, r.totalExamples, r.timestamp, r.blockNumber);
    }

    /// @notice The run and round that committed `modelHash`; (0, 0) when the ledger does not know it.
    function roundOfModel(bytes32 modelHash) external view returns (uint256 runId, uint256 round) {
        StoredRound storage r = _byModel[modelHash];
        return (r.runId, r.round);
    }

    /// @notice The run's last committed round (0 before any commit).
    function latestRound(uint256 runId) external view returns (uint256) {
        return _runs[runId].latestRound;
    }

    /// @notice Whether `account` is a registered site of `runId`.
    function isSite(uint256 runId, address account) external view returns (bool) {
        return _siteSlot[runId][account] != 0;
    }

    /// @notice Number of runs created so far (the latest runId).
    function runCount() external view returns (uint256) {
        return _runCount;
    }

    function _commit(
        RoundAttestation calldata a,
        address[] calldata sites,
        Contribution[] calldata contributions,
        SiteSignature[] calldata signatures
    ) private {
        Run storage run = _runs[a.runId];
        _checkLineage(run, a.runId, a.round, a.prevModelHash, a.modelHash);
        if (sites.length != run.siteCount || keccak256(abi.encode(sites)) != run.sitesHash) {
            revert RoundLedgerSitesMismatch(a.runId);
        }
        _checkContributions(a, sites, contributions);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(ROUND_ATTESTATION_TYPEHASH, a)));
        _record(run, a, _checkSignatures(run, a.runId, digest, sites, signatures));
    }

    function _record(Run storage run, RoundAttestation calldata a, address[] memory attesters) private {
        run.latestRound = uint64(a.round);
        _modelOf[a.runId][a.round] = a.modelHash;
        _byModel[a.modelHash] = StoredRound(
            a.aggregateDigest,
            a.contributionsRoot,
            uint64(a.runId),
            uint32(a.round),
            uint64(a.totalExamples),
            uint48(block.timestamp),
            uint48(block.number)
        );
        emit RoundCommitted(
            a.runId,
            a.round,
            a.modelHash,
            a.prevModelHash,
            a.aggregateDigest,
            a.contributionsRoot,
            a.totalExamples,
            attesters
        );
    }

    function _checkLineage(Run storage run, uint256 runId, uint256 round, bytes32 prevModelHash, bytes32 modelHash)
        private
        view
    {
        if (run.siteCount == 0) revert RoundLedgerUnknownRun(runId);
        uint256 latest = run.latestRound;
        if (round != latest + 1 || round > type(uint32).max) revert RoundLedgerRoundOutOfOrder(runId, latest + 1, round);
        bytes32 expected = latest == 0 ? run.genesisModelHash : _modelOf[runId][latest];
        if (prevModelHash != expected) revert RoundLedgerWrongPrevModel(runId, expected, prevModelHash);
        if (modelHash == bytes32(0)) revert RoundLedgerZeroModelHash();
        StoredRound storage used = _byModel[modelHash];
        if (used.runId != 0) revert RoundLedgerModelAlreadyCommitted(modelHash, used.runId, used.round);
    }

    /// @dev Leaves come in multiproof order, so all n leaves verify with an empty proof and n-1 `true` flags and no
    /// sorting on chain. Measured with experiments/benchmarks/gas.ts: a hand-written in-place rebuild of the same
    /// tree cost ~100 gas per site more than MerkleProof.multiProofVerify, so the library call stays.
    function _checkContributions(
        RoundAttestation calldata a,
        address[] calldata sites,
        Contribution[] calldata contributions
    ) private {
        uint256 n = contributions.length;
        if (n == 0) revert RoundLedgerNoContributions();
        bytes32[] memory leaves = new bytes32[](n);
        uint256 seen;
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            Contribution calldata c = contributions[i];
            if (c.siteIndex >= sites.length) revert RoundLedgerContributorNotSite(a.runId, c.siteIndex);
            if (seen & (1 << c.siteIndex) != 0) revert RoundLedgerDuplicateContributor(sites[c.siteIndex]);
            seen |= 1 << c.siteIndex;
            sum += c.examples;
            leaves[i] = _recordContribution(a, sites[c.siteIndex], c);
        }
        if (sum != a.totalExamples || sum > type(uint64).max) revert RoundLedgerExamplesMismatch(a.totalExamples, sum);
        bool[] memory flags = new bool[](n - 1);
        for (uint256 i = 0; i < n - 1; ++i) {
            flags[i] = true;
        }
        if (!MerkleProof.multiProofVerify(new bytes32[](0), flags, a.contributionsRoot, leaves)) {
            revert RoundLedgerContributionsRootMismatch(a.contributionsRoot);
        }
    }

    /// @dev Emits the contribution's event and returns its StandardMerkleTree leaf.
    function _recordContribution(RoundAttestation calldata a, address site, Contribution calldata c)
        private
        returns (bytes32)
    {
        emit ContributionRecorded(a.runId, a.round, site, c.examples, c.digest);
        return keccak256(bytes.concat(keccak256(abi.encode(site, c.examples, c.digest))));
    }

    function _checkSignatures(
        Run storage run,
        uint256 runId,
        bytes32 digest,
        address[] calldata sites,
        SiteSignature[] calldata signatures
    ) private view returns (address[] memory attesters) {
        attesters = new address[](signatures.length);
        uint256 seen;
        for (uint256 i = 0; i < signatures.length; ++i) {
            SiteSignature calldata s = signatures[i];
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, s.r, s.vs);
            if (err != ECDSA.RecoverError.NoError) revert RoundLedgerBadSignature(i);
            if (s.siteIndex >= sites.length || sites[s.siteIndex] != signer) revert RoundLedgerSignerNotSite(runId, signer);
            uint256 bit = 1 << s.siteIndex;
            if (seen & bit != 0) revert RoundLedgerDuplicateSigner(signer);
            seen |= bit;
            attesters[i] = signer;
        }
        if (signatures.length < run.quorum) revert RoundLedgerQuorumNotReached(runId, signatures.length, run.quorum);
    }
}
