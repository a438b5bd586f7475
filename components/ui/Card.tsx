import type { ComponentChildren } from 'preact';

// A card: one group of figures or controls, titled by its heading (the section's accessible name).

export interface CardProps {
  /** The heading's id: the section is labelled by it. */
  id: string;
  title: ComponentChildren;
  /** An action beside the title (e.g. Refresh). */
  action?: ComponentChildren;
  class?: string;
  /** The heading level: 2 in the popup and options, 3 inside another card. */
  level?: 2 | 3;
  children?: ComponentChildren;
}

export function Card({ id, title, action, class: extra, level = 2, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class={extra ? `card ${extra}` : 'card'} aria-labelledby={id}>
      <div class="card-head">
        <Heading id={id}>{title}</Heading>
        {action}
      </div>
      {children}
    </section>
  );
}
