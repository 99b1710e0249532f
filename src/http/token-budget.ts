import { DailyBudgetExceededError } from '../errors.js';

/**
 * Counts the tokens a client spends against Pipedrive's daily budget and stops before an optional
 * `dailyTokenBudget` is overspent. Also notices when 429s keep coming while the burst window still
 * has room: that means the company's daily budget is spent.
 *
 * @example
 * const budget = new TokenBudget(10_000);
 * budget.check(10); budget.spend(10);
 */
export class TokenBudget {
  private spent = 0;
  private budget429s = 0;
  /** Set once Pipedrive's answers showed the company's daily budget spent: nothing more is sent. */
  private accountSpent = false;

  /**
   * @param limit tokens this client may spend; undefined means no limit of its own.
   * @param budget429Threshold 429s in a row with room left in the window that mean the daily budget is spent.
   */
  constructor(
    private readonly limit: number | undefined,
    private readonly budget429Threshold = 2,
  ) {}

  /** Tokens spent so far by this client. */
  get tokensSpent(): number {
    return this.spent;
  }

  /** Throws {@link DailyBudgetExceededError} if a request of `cost` tokens would overspend the budget. */
  check(cost: number): void {
    if (this.accountSpent) {
      // every further request would only earn another 429, and repeated 429s get the token blocked by Cloudflare
      throw new DailyBudgetExceededError(
        "The company's daily token budget is spent (Pipedrive answered 429 although the burst window had room), so this client sends no more requests. " +
          "It resets at midnight in the company's time zone; resume from the last checkpoint then.",
        { tokensSpent: this.spent },
      );
    }
    if (this.limit !== undefined && this.spent + cost > this.limit) {
      throw new DailyBudgetExceededError(
        `dailyTokenBudget of ${this.limit} tokens reached (${this.spent} spent; the next request costs ${cost}). ` +
          'Raise dailyTokenBudget or resume tomorrow from the last checkpoint.',
        { tokensSpent: this.spent },
      );
    }
  }

  /** Records a request about to be sent (Pipedrive charges it on receipt, whatever the answer). */
  spend(cost: number): void {
    this.spent += cost;
  }

  /**
   * Records a response status; returns true when 429s keep coming although the burst window has room,
   * which means the account's daily budget is spent. From then on {@link check} refuses every request.
   */
  noteStatus(status: number, windowRemaining: number | undefined): boolean {
    if (status !== 429) {
      if (status < 400) this.budget429s = 0;
      return false;
    }
    if (windowRemaining !== undefined && windowRemaining > 0) this.budget429s += 1;
    else this.budget429s = 0;
    if (this.budget429s >= this.budget429Threshold) this.accountSpent = true;
    return this.accountSpent;
  }
}
