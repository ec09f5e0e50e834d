import type { Html, Link, Nodes, Paragraph, Parents, Root, Table } from 'mdast';
import { visit } from 'unist-util-visit';

export interface NodeWithParent<T extends Nodes> {
  node: T;
  parent: Parents | undefined;
}

/**
 * The nodes that entity extractors look for, gathered while the tree is walked for the note's facts:
 * a walk of its own per extractor cost more than most extractors' work. All lists are in document order.
 */
export class NodeIndex {
  /** With their parent: an `<!-- entity -->` marker marks the heading or paragraph that holds it. */
  readonly html: Array<NodeWithParent<Html>> = [];
  /** With their parent: a paper link's summary is the rest of its paragraph. */
  readonly links: Array<NodeWithParent<Link>> = [];
  /** Together, as tables are read from both: a paragraph may be a pipe table that GFM rejected. */
  readonly tablesAndParagraphs: Array<Table | Paragraph> = [];
  /** Headings, tables, HTML, definitions, front matter and code blocks: lines that loose lists never read as prose. */
  readonly notProse: Nodes[] = [];

  add(node: Nodes, parent: Parents | undefined): void {
    // TOML front matter is not part of mdast's node union, but remark-frontmatter produces it.
    if ((node.type as string) === 'toml') this.notProse.push(node);
    switch (node.type) {
      case 'html':
        this.html.push({ node, parent });
        this.notProse.push(node);
        break;
      case 'link':
        this.links.push({ node, parent });
        break;
      case 'table':
        this.tablesAndParagraphs.push(node);
        this.notProse.push(node);
        break;
      case 'paragraph':
        this.tablesAndParagraphs.push(node);
        break;
      case 'heading':
      case 'yaml':
      case 'definition':
      case 'code':
        this.notProse.push(node);
        break;
    }
  }
}

/** The index of a tree on its own, for when the walk that gathers facts stopped part way. */
export function indexNodes(tree: Root): NodeIndex {
  const index = new NodeIndex();
  visit(tree, (node: Nodes, _position, parent) => index.add(node, parent));
  return index;
}
