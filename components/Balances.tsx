import { t, tPlural } from '../lib/i18n';
import type { PopupData, RefreshOutcome } from '../lib/messaging';
import { BalanceRow, PendingRow, refreshMessage } from './PopupRows';
import { Button } from './ui/Button';
import { Card } from './ui/Card';

// The popup's balances: per platform and currency, with the payout bar and its date, then the pending items.

export interface BalancesProps {
  data: Pick<PopupData, 'balances' | 'pending'>;
  locale: string;
  refresh?: { busy: boolean; outcome?: RefreshOutcome };
  onRefresh?: () => void;
  onCashOut?: (platform: string, currency: string) => void;
}

export function Balances({ data, locale, refresh, onRefresh, onCashOut }: BalancesProps) {
  const action = onRefresh && (
    <Button class="refresh-button" onClick={onRefresh} disabled={refresh?.busy} aria-busy={refresh?.busy}>
      {refresh?.busy ? t('refreshing') : t('refreshBalances')}
    </Button>
  );
  return (
    <Card id="balances-title" title={t('balances')} action={action} class="balances">
      {refresh?.outcome && (
        <p role="status" class={refresh.outcome.kind === 'done' ? 'muted refresh' : 'warning refresh'}>
          {refreshMessage(refresh.outcome, locale)}
        </p>
      )}
      {data.balances.length === 0 ? (
        <p class="empty">{t('balancesEmpty')}</p>
      ) : (
        <dl class="balance-list">
          {data.balances.map((b) => (
            <BalanceRow
              key={`${b.platform}:${b.currency}`}
              balance={b}
              locale={locale}
              {...(onCashOut ? { onCashOut: () => onCashOut(b.platform, b.currency) } : {})}
            />
          ))}
        </dl>
      )}
      {data.pending.total > 0 && (
        <details class="pending-items">
          <summary>{tPlural('pendingItems', data.pending.total, undefined, locale)}</summary>
          <ul class="tasks pending-list">
            {data.pending.items.map((item) => (
              <PendingRow key={item.key} item={item} locale={locale} />
            ))}
          </ul>
          {data.pending.total > data.pending.items.length && (
            <p class="muted">{tPlural('pendingMore', data.pending.total - data.pending.items.length, undefined, locale)}</p>
          )}
        </details>
      )}
    </Card>
  );
}
