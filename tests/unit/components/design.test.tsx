// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ProgressBar } from '../../../components/ui/ProgressBar';
import { RateBadge } from '../../../components/ui/RateBadge';
import { setTranslator } from '../../../lib/i18n';
import type { RateBand } from '../../../lib/domain/rate';

// The design system's pieces (components/ui): what each says, not only how it looks.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

describe('RateBadge', () => {
  const bands: RateBand[] = ['under', 'between', 'good', 'no-minimum'];

  it('tells each band in words, with a sign hidden from screen readers beside its colour', () => {
    const seen = bands.map((band) => {
      const { container } = render(<RateBadge band={band} />);
      const badge = container.querySelector('.band')!;
      const sign = badge.querySelector('.band-sign')!;
      const result = { band: badge.getAttribute('data-band'), cls: badge.className, sign: sign.textContent, hidden: sign.getAttribute('aria-hidden'), words: badge.textContent!.slice(sign.textContent!.length) };
      cleanup();
      return result;
    });
    expect(seen.map((s) => s.words)).toEqual(['bandUnder', 'bandBetween', 'bandGood', 'bandNoMinimum']);
    expect(seen.map((s) => s.cls)).toEqual(['band band-under', 'band band-between', 'band band-good', 'band band-none']);
    // A different sign per band, for anyone who cannot tell the colours apart.
    expect(new Set(seen.map((s) => s.sign)).size).toBe(4);
    expect(seen.every((s) => s.hidden === 'true')).toBe(true);
  });

  it('reads the same to a screen reader as it shows: its words', () => {
    render(<RateBadge band="under" />);
    expect(screen.getByText('bandUnder')).toBeTruthy();
  });
});

describe('ProgressBar', () => {
  const bar = () => screen.getByRole('progressbar');
  const aria = () => ['aria-valuemin', 'aria-valuemax', 'aria-valuenow', 'aria-valuetext', 'aria-label'].map((a) => bar().getAttribute(a));
  const width = () => (bar().querySelector('.progress-fill') as HTMLElement).style.width;

  it('gives its value, range and words to assistive technologies, and fills to the share reached', () => {
    render(<ProgressBar value={750} max={1000} label="$7.50 of $10.00" />);
    expect(aria()).toEqual(['0', '1000', '750', '$7.50 of $10.00', '$7.50 of $10.00']);
    expect(width()).toBe('75%');
    expect(bar().classList.contains('done')).toBe(false);
  });

  it('stops at full past its maximum (marked done) and at empty under zero', () => {
    const { rerender } = render(<ProgressBar value={1500} max={1000} label="over" />);
    expect([bar().getAttribute('aria-valuenow'), width(), bar().classList.contains('done')]).toEqual(['1000', '100%', true]);
    rerender(<ProgressBar value={-5} max={1000} label="under" />);
    expect([bar().getAttribute('aria-valuenow'), width()]).toEqual(['0', '0%']);
  });

  it('never divides by a zero maximum', () => {
    render(<ProgressBar value={0} max={0} label="none" />);
    expect([bar().getAttribute('aria-valuemax'), width()]).toEqual(['1', '0%']);
  });
});

describe('Button and Card', () => {
  it('draws primary, secondary and link buttons, a plain button by default, and passes clicks and classes on', () => {
    const click = vi.fn();
    render(
      <>
        <Button variant="primary" onClick={click}>
          Go
        </Button>
        <Button class="cash-out">Other</Button>
        <Button variant="link">Quiet</Button>
        <Button type="submit">Send</Button>
      </>,
    );
    const [go, other, quiet, send] = screen.getAllByRole('button') as HTMLButtonElement[];
    expect([go!.className, other!.className, quiet!.className]).toEqual(['btn btn-primary', 'btn btn-secondary cash-out', 'btn btn-link link']);
    expect([go!.type, send!.type]).toEqual(['button', 'submit']);
    fireEvent.click(go!);
    expect(click).toHaveBeenCalledOnce();
  });

  it('is a section named by its heading, with its action beside the title', () => {
    render(
      <Card id="c-title" title="Balances" action={<Button>Refresh</Button>}>
        <p>Body</p>
      </Card>,
    );
    const section = screen.getByRole('region', { name: 'Balances' });
    expect(section.querySelector('.card-head button')!.textContent).toBe('Refresh');
    expect(section.querySelector('h2')!.id).toBe('c-title');
  });
});
