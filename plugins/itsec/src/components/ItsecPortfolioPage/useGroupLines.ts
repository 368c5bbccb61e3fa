import { useCallback, useMemo, useState } from 'react';
import type {
  PortfolioFilter,
  PortfolioGroups,
} from '@internal/plugin-itsec-common';
import type { HeatmapLine, HeatmapLines } from './Heatmap';
import type { GroupMembers } from './useGroupMembers';
import { shortRef } from './urlState';

/** The portfolio filter value of "no System" and "no Domain". */
export const NONE = 'none';

/** A placeholder line of an expanded System: where its members go. */
interface MembersSlot {
  group: string;
  filter: PortfolioFilter;
  /** Index of the group's first member line. */
  start: number;
  /** Member lines shown (at least one: loading, error or empty). */
  size: number;
}

type Slot =
  | { type: 'line'; line: HeatmapLine }
  | { type: 'members'; slot: MembersSlot; offset: number };

/**
 * The lines of the grouped view: a row per Domain, per System of an expanded
 * Domain, and per member of an expanded System (fetched page by page).
 * `expanded` holds the keys of the open groups.
 */
export function useGroupLines(options: {
  groups?: PortfolioGroups;
  filter: PortfolioFilter;
  members: GroupMembers;
}): HeatmapLines & { expandedKeys: ReadonlySet<string> } {
  const { groups, filter, members } = options;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string) => {
    setExpanded(prev => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const { version } = members;
  const slots = useMemo(() => {
    const out: Slot[] = [];
    for (const d of groups?.domains ?? []) {
      const dKey = `domain:${d.domain ?? NONE}`;
      const dOpen = expanded.has(dKey);
      out.push({
        type: 'line',
        line: {
          type: 'group',
          key: dKey,
          level: 0,
          group: {
            kind: 'domain',
            label: d.domain ? shortRef(d.domain) : 'No domain',
            rollup: d,
            expanded: dOpen,
            onToggle: () => toggle(dKey),
          },
        },
      });
      if (!dOpen) continue;
      for (const s of d.systems) {
        const sKey = `${dKey}|system:${s.system ?? NONE}`;
        const sOpen = expanded.has(sKey);
        out.push({
          type: 'line',
          line: {
            type: 'group',
            key: sKey,
            level: 1,
            group: {
              kind: 'system',
              label: s.title ?? (s.system ? shortRef(s.system) : 'No system'),
              rollup: s,
              expanded: sOpen,
              onToggle: () => toggle(sKey),
            },
          },
        });
        if (!sOpen) continue;
        const slot: MembersSlot = {
          group: sKey,
          filter: {
            ...filter,
            system: [s.system ?? NONE],
            domain: [d.domain ?? NONE],
          },
          start: out.length,
          size: Math.max(1, members.total(sKey) ?? 1),
        };
        for (let k = 0; k < slot.size; k++)
          out.push({ type: 'members', slot, offset: k });
      }
    }
    return out;
    // members.total changes with version
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, expanded, filter, toggle, version]);

  const line = useCallback(
    (index: number): HeatmapLine | undefined => {
      const slot = slots[index];
      if (!slot) return undefined;
      if (slot.type === 'line') return slot.line;
      const { group } = slot.slot;
      const key = `${group}#${slot.offset}`;
      const row = members.row(group, slot.offset);
      if (row) return { type: 'entity', key, level: 2, row };
      const error = members.error(group);
      if (error)
        return {
          type: 'message',
          key,
          level: 2,
          text: `Could not load its entities: ${error.message}`,
        };
      if (members.total(group) === 0)
        return {
          type: 'message',
          key,
          level: 2,
          text: 'No entities match now',
        };
      return undefined;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [slots, version],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      const seen = new Set<MembersSlot>();
      for (let i = Math.max(0, first); i <= last && i < slots.length; i++) {
        const slot = slots[i];
        if (slot.type !== 'members' || seen.has(slot.slot)) continue;
        seen.add(slot.slot);
        const s = slot.slot;
        const from = Math.max(first, s.start) - s.start;
        const to = Math.min(last, s.start + s.size - 1) - s.start;
        members.ensure(s.group, s.filter, from, to);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [slots, members.ensure],
  );

  return {
    count: groups ? slots.length : undefined,
    line,
    ensure,
    version,
    expandedKeys: expanded,
  };
}
