// Who plays which part in the adversarial runs: shared by the dishonest parties and the tests that judge them.

/** The site a dishonest coordinator cheats (drops, counts twice, re-weights), or that cheats as a dishonest site. */
export const VICTIM_SITE = 'va';

/** A consortium site that runs no process in the invented-leaf test: it sends nothing, yet gets a leaf. */
export const ABSENT_SITE = 'switzerland';

/** The example count a dishonest site claims: far above any site's data, within the codec's own 100 000 limit. */
export const CLAIMED_EXAMPLES = 50_000;

/** The mean update a forging coordinator makes every site decrypt: 0.25 per weight (norm < clipNorm, so in bounds). */
export const FORGED_MEAN_VALUE = 0.25;
