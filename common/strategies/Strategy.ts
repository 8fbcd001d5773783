// The strategy plug-in contract (Flower's Strategy shape): a strategy decides, the round loop runs.
// Pure: strategies see Float32Arrays only, never gRPC, ethers or files, so every key holder computes the same bytes.

/** What a strategy asks of every site for one round. */
export interface RoundConfig {
  /** FedProx proximal coefficient mu; 0 means plain local SGD. */
  readonly proximalMu: number;
}

/** State a strategy carries between rounds (server optimiser moments); key holders persist and restore it. */
export interface StrategyState {
  readonly step: number;
  readonly moments: Readonly<Record<string, Float32Array>>;
}

export interface Strategy {
  readonly name: string;
  /** Round configuration sent with every RoundTask. */
  configureRound(round: number): RoundConfig;
  /**
   * The next global weights from the current ones and the decrypted example-weighted mean update
   * `Σ nᵢ·Δᵢ / Σ nᵢ`; plain Float32 arithmetic in index order, so every site derives identical bytes.
   */
  aggregateFit(global: Float32Array, meanUpdate: Float32Array, state: StrategyState): { weights: Float32Array; state: StrategyState };
  /** The state before the first round. */
  initialState(): StrategyState;
}

export const EMPTY_STRATEGY_STATE: StrategyState = { step: 0, moments: {} };
