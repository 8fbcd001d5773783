// The shape of one stage of a site's update on its way to encryption (delta → clip), so stages compose in order.

export interface SiteUpdate {
  /** The update's values in Float32, as the codec will encode them. */
  readonly values: Float32Array;
  /** The L2 norm before clipping, set by the clip stage so the node can log it; it never leaves the site. */
  readonly normBeforeClip?: number;
}

/** Takes the update so far and returns the next; a stage never changes its input in place. */
export type UpdateTransform = (update: SiteUpdate) => SiteUpdate;
