// A titled section of a page. `id` names the section for tests and in-page links.
import type { ComponentChildren } from "preact";

export function Card(props: {
  id?: string;
  title: string;
  hint?: string;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const headingId = props.id ? props.id + "-title" : undefined;
  return (
    <section class={props.wide ? "card card-wide" : "card"} id={props.id} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
    </section>
  );
}
