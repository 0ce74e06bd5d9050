import { type ReactNode, useState } from "react";

/**
 * A toolbar menu on <details>/<summary> (keyboard and screen readers get it for free); the
 * panel is only rendered while open, so closed menus add nothing to the page.
 */
export function Menu({
  label,
  className,
  children,
}: {
  label: ReactNode;
  className?: string;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className={className ? `menu ${className}` : "menu"}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary className="button">{label}</summary>
      {open && children()}
    </details>
  );
}
