import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

// A button of the design system: primary (the one main action of a view), secondary, or link (quiet, in text).

export type ButtonVariant = 'primary' | 'secondary' | 'link';

export type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'type'> & {
  variant?: ButtonVariant;
  /** More classes (names that tests and e2e read, e.g. `cash-out`). */
  class?: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  children?: ComponentChildren;
};

export function Button({ variant = 'secondary', class: extra, type = 'button', children, ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, variant === 'link' ? 'link' : '', extra ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} class={classes} {...rest}>
      {children}
    </button>
  );
}
