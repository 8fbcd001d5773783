// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ContributionLeaves} from "./ContributionLeaves.sol";
import {IRoundLedger} from "./IRoundLedger.sol";

/// @title RoundLedger
/// @notice Public record of federated-learning runs: each aggregation round's model hash, the contributions
/// that produced it (Merkle root + events) and the EIP-712 attestations of a quorum of registered sites; and, once
/// per round attempt, the hash of the contributions and decryptors it was closed with, so every site sees the same.
/// @dev A round is never overwritten; within a run, a model hash names the first round that produced it.
contract RoundLedger is AccessControl, EIP712, IRoundLedger {
    /// @inheritdoc IRoundLedger
    bytes32 public constant COORDINATOR_ROLE = keccak256("COORDINATOR_ROLE");

    /// @inheritdoc IRoundLedger
    bytes32 public constant ROUND_ATTESTATION_TYPEHASH = keccak256(
        "RoundAttestation(uint256 runId,uint256 round,bytes32 prevModelHash,bytes32 modelHash,bytes32 aggregateDigest,bytes32 contributionsRoot,uint256 totalExamples)"
    );

    /// @dev A round's hashes, stored by (run, round).
    struct RoundHashes {
        bytes32 modelHash;
        bytes32 aggregateDigest;
        bytes32 contributionsRoot;
    }

    /// @dev A round's numbers in one slot. Stored by (run, model hash) for the first round that produced the model,
    /// so the same slot is the run's model -> round index: 4 new slots per commit, as many as when model hashes were
    /// unique across runs (a separate index would be a fifth). A round that kept its parent's model has its numbers
    /// stored by (run, round) instead.
    struct RoundNumbers {
        uint64 round;
        uint64 totalExamples;
        uint64 timestamp;
        uint64 blockNumber;
    }

    uint256 private _runCount;
    mapping(uint256 runId => Run) private _runs;
    /// @dev site index + 1 (0 = not a site): duplicate check at createRun and isSite; commits use the calldata list.
    mapping(uint256 runId => mapping(address site => uint256)) private _siteSlot;
    mapping(uint256 runId => mapping(uint256 round => RoundHashes)) private _rounds;
    mapping(uint256 runId => mapping(bytes32 modelHash => RoundNumbers)) private _firstRoundOf;
    mapping(uint256 runId => mapping(uint256 round => RoundNumbers)) private _keptModelRounds;
    /// @dev An attempt's set hash, written once (closeAttempt); zero while the attempt is open.
    mapping(uint256 runId => mapping(uint256 round => mapping(uint256 attempt => bytes32))) private _closedAttempts;

    /// @notice The deployer administers roles (grants COORDINATOR_ROLE).
    constructor() EIP712("RoundLedger", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
    }

    /// @inheritdoc IRoundLedger
    function createRun(bytes32 planHash, bytes32 genesisModelHash, address[] calldata sites, uint16 quorum)
        external
        onlyRole(COORDINATOR_ROLE)
        returns (uint256 runId)
    {
        if (sites.length == 0 || sites.length > 256 || quorum == 0 || quorum > sites.length) {
            revert RoundLedgerInvalidSites(sites.length, quorum);
        }
        unchecked {
            runId = _runCount + 1; // one per transaction: never near 2^256
        }
        // The duplicate check reads the slots this loop writes: a revert on a later site undoes the earlier ones.
        for (uint256 i = 0; i < sites.length; ++i) {
            address site = sites[i];
            if (site == address(0) || _siteSlot[runId][site] != 0) revert RoundLedgerInvalidSite(site);
            _siteSlot[runId][site] = i + 1;
        }
        _runCount = runId;
        _runs[runId] =
            Run(planHash, genesisModelHash, msg.sender, quorum, uint16(sites.length), 0, keccak256(abi.encode(sites)));
        emit RunCreated(runId, planHash, genesisModelHash, msg.sender, sites, quorum);
    }

    /// @inheritdoc IRoundLedger
    function commitRound(
        RoundAttestation calldata attestation,
        address[] calldata sites,
        Contribution[] calldata contributions,
        SiteSignature[] calldata signatures
    ) external onlyRole(COORDINATOR_ROLE) {
        _commit(attestation, sites, contributions, signatures);
    }

    /// @inheritdoc IRoundLedger
    function closeAttempt(uint256 runId, uint256 round, uint256 attempt, bytes32 setHash)
        external
        onlyRole(COORDINATOR_ROLE)
    {
        _checkOpenRound(_runs[runId], runId, round);
        if (setHash == bytes32(0)) revert RoundLedgerZeroSetHash();
        bytes32 closed = _closedAttempts[runId][round][attempt];
        if (closed != bytes32(0)) revert RoundLedgerAttemptAlreadyClosed(runId, round, attempt, closed);
        _closedAttempts[runId][round][attempt] = setHash;
        emit AttemptClosed(runId, round, attempt, setHash);
    }

    /// @inheritdoc IRoundLedger
    function closedAttempt(uint256 runId, uint256 round, uint256 attempt) external view returns (bytes32) {
        return _closedAttempts[runId][round][attempt];
    }

    /// @inheritdoc IRoundLedger
    function getRun(uint256 runId) external view returns (Run memory) {
        return _runs[runId];
    }

    /// @inheritdoc IRoundLedger
    function getRound(uint256 runId, uint256 round) external view returns (Round memory) {
        RoundHashes storage h = _rounds[runId][round];
        RoundNumbers storage n = _firstRoundOf[runId][h.modelHash];
        if (n.round != round) n = _keptModelRounds[runId][round]; // zeroes for a round not committed
        return Round(h.modelHash, h.aggregateDigest, h.contributionsRoot, n.totalExamples, n.timestamp, n.blockNumber);
    }

    /// @inheritdoc IRoundLedger
    function roundOfModel(uint256 runId, bytes32 modelHash) external view returns (uint256 round) {
        return _firstRoundOf[runId][modelHash].round;
    }

    /// @inheritdoc IRoundLedger
    function latestRound(uint256 runId) external view returns (uint256) {
        return _runs[runId].latestRound;
    }

    /// @inheritdoc IRoundLedger
    function isSite(uint256 runId, address account) external view returns (bool) {
        return _siteSlot[runId][account] != 0;
    }

    /// @inheritdoc IRoundLedger
    function runCount() external view returns (uint256) {
        return _runCount;
    }

    /// @dev Checks, then effects, then events: nothing is written or emitted before every check has passed.
    function _commit(
        RoundAttestation calldata a,
        address[] calldata sites,
        Contribution[] calldata contributions,
        SiteSignature[] calldata signatures
    ) private {
        Run storage run = _runs[a.runId];
        bool firstOfModel = _checkLineage(run, a.runId, a.round, a.prevModelHash, a.modelHash);
        if (sites.length != run.siteCount || keccak256(abi.encode(sites)) != run.sitesHash) {
            revert RoundLedgerSitesMismatch(a.runId);
        }
        _checkContributions(a, sites, contributions);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(ROUND_ATTESTATION_TYPEHASH, a)));
        address[] memory attesters = _checkSignatures(run, a.runId, digest, sites, signatures);
        _record(run, a, firstOfModel);
        _emitCommitted(a, sites, contributions, attesters);
    }

    /// @dev The numbers go to the run's model index when this round is the first to produce its model.
    function _record(Run storage run, RoundAttestation calldata a, bool firstOfModel) private {
        run.latestRound = uint64(a.round);
        _rounds[a.runId][a.round] = RoundHashes(a.modelHash, a.aggregateDigest, a.contributionsRoot);
        RoundNumbers memory numbers =
            RoundNumbers(uint64(a.round), uint64(a.totalExamples), uint64(block.timestamp), uint64(block.number));
        if (firstOfModel) _firstRoundOf[a.runId][a.modelHash] = numbers;
        else _keptModelRounds[a.runId][a.round] = numbers;
    }

    /// @dev One event per contribution, then the round's, in the log order reviewers have always seen.
    function _emitCommitted(
        RoundAttestation calldata a,
        address[] calldata sites,
        Contribution[] calldata contributions,
        address[] memory attesters
    ) private {
        uint256 n = contributions.length;
        for (uint256 i = 0; i < n; ++i) {
            Contribution calldata c = contributions[i];
            emit ContributionRecorded(a.runId, a.round, sites[c.siteIndex], c.examples, c.digest, c.epsilonMicros, c.consentRoot);
        }
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

    /// @dev Returns whether the round is the first of its run to produce `modelHash`. A hash the run already has
    /// is accepted only as the parent's (an unchanged model); other runs' hashes are never looked at.
    function _checkLineage(Run storage run, uint256 runId, uint256 round, bytes32 prevModelHash, bytes32 modelHash)
        private
        view
        returns (bool firstOfModel)
    {
        uint256 latest = _checkOpenRound(run, runId, round);
        bytes32 expected = latest == 0 ? run.genesisModelHash : _rounds[runId][latest].modelHash;
        if (prevModelHash != expected) revert RoundLedgerWrongPrevModel(runId, expected, prevModelHash);
        if (modelHash == bytes32(0)) revert RoundLedgerZeroModelHash();
        uint256 first = _firstRoundOf[runId][modelHash].round;
        if (first != 0 && modelHash != prevModelHash) revert RoundLedgerModelAlreadyCommitted(modelHash, runId, first);
        return first == 0;
    }

    /// @dev What both a commit and an attempt's close require: the run exists, the sender is its coordinator and
    /// `round` is its open round. Returns the run's latest committed round (the open one is latest + 1).
    function _checkOpenRound(Run storage run, uint256 runId, uint256 round) private view returns (uint256 latest) {
        if (run.siteCount == 0) revert RoundLedgerUnknownRun(runId);
        if (msg.sender != run.coordinator) revert RoundLedgerNotRunCoordinator(runId, msg.sender, run.coordinator);
        latest = run.latestRound;
        if (round != latest + 1) revert RoundLedgerRoundOutOfOrder(runId, latest + 1, round);
    }

    /// @dev Leaves come in multiproof order, so all n leaves verify with an empty proof and n-1 `true` flags and no
    /// sorting on chain. Measured with experiments/benchmarks/gas.ts: a hand-written in-place rebuild of the same
    /// tree cost ~100 gas per site more than MerkleProof.multiProofVerify, so the library call stays.
    function _checkContributions(
        RoundAttestation calldata a,
        address[] calldata sites,
        Contribution[] calldata contributions
    ) private pure {
        uint256 n = contributions.length;
        if (n == 0) revert RoundLedgerNoContributions();
        bytes32[] memory leaves = new bytes32[](n);
        uint256 seen;
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            Contribution calldata c = contributions[i];
            uint256 index = c.siteIndex;
            if (index >= sites.length) revert RoundLedgerContributorNotSite(a.runId, index);
            uint256 bit = 1 << index;
            if (seen & bit != 0) revert RoundLedgerDuplicateContributor(sites[index]);
            seen |= bit;
            uint256 examples = c.examples;
            sum += examples;
            leaves[i] = ContributionLeaves.leaf(sites[index], examples, c.digest, c.epsilonMicros, c.consentRoot);
        }
        if (sum != a.totalExamples || sum > type(uint64).max) revert RoundLedgerExamplesMismatch(a.totalExamples, sum);
        bool[] memory flags = ContributionLeaves.allTrueFlags(n);
        if (!MerkleProof.multiProofVerify(new bytes32[](0), flags, a.contributionsRoot, leaves)) {
            revert RoundLedgerContributionsRootMismatch(a.contributionsRoot);
        }
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
            uint256 index = s.siteIndex;
            if (index >= sites.length || sites[index] != signer) revert RoundLedgerSignerNotSite(runId, signer);
            uint256 bit = 1 << index;
            if (seen & bit != 0) revert RoundLedgerDuplicateSigner(signer);
            seen |= bit;
            attesters[i] = signer;
        }
        if (signatures.length < run.quorum) revert RoundLedgerQuorumNotReached(runId, signatures.length, run.quorum);
    }
}
