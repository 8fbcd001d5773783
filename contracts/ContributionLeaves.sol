// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title ContributionLeaves
/// @notice The contributions Merkle tree as RoundLedger checks it: OpenZeppelin StandardMerkleTree leaves of
/// `(address site, uint256 examples, bytes32 digest, uint256 epsilonMicros, bytes32 consentRoot)`, and the flags of a multiproof of every leaf.
/// @dev Both in assembly, because together they save about 270 gas per site over plain Solidity (measured with
/// experiments/benchmarks/gas.ts): that pays for the second pass over the contributions which RoundLedger makes to
/// emit their events only after every check has passed.
library ContributionLeaves {
    /// @notice keccak256(bytes.concat(keccak256(abi.encode(site, examples, digest, epsilonMicros, consentRoot)))).
    /// @dev Hashed in memory past the free pointer, not in two fresh allocations per leaf that memory keeps.
    function leaf(address site, uint256 examples, bytes32 digest, uint256 epsilonMicros, bytes32 consentRoot)
        internal
        pure
        returns (bytes32 hash)
    {
        assembly ("memory-safe") {
            let encoded := mload(0x40)
            mstore(encoded, site)
            mstore(add(encoded, 0x20), examples)
            mstore(add(encoded, 0x40), digest)
            mstore(add(encoded, 0x60), epsilonMicros)
            mstore(add(encoded, 0x80), consentRoot)
            mstore(0x00, keccak256(encoded, 0xa0))
            hash := keccak256(0x00, 0x20)
        }
    }

    /// @notice `leafCount - 1` true flags: with the leaves in multiproof order and an empty proof, every step of
    /// MerkleProof.processMultiProof hashes two nodes from its queue.
    /// @dev Filled without Solidity's bounds check per element.
    function allTrueFlags(uint256 leafCount) internal pure returns (bool[] memory flags) {
        flags = new bool[](leafCount - 1);
        assembly ("memory-safe") {
            let end := add(flags, shl(5, leafCount))
            for { let slot := add(flags, 0x20) } lt(slot, end) { slot := add(slot, 0x20) } { mstore(slot, 1) }
        }
    }
}
