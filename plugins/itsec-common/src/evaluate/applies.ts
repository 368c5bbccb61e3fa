/* Applicability conditions and required roles, against the entity being evaluated. */
import { RoleHolder, ROLE_TITLES } from '../profile/types';
import type {
  CompiledCondition,
  CompiledRole,
  CompiledStatement,
} from './compile';
import type { Ctx } from './context';

export function hasHolder(ctx: Ctx, roleIndex: number): RoleHolder | undefined {
  const list = ctx.roleLists[roleIndex];
  if (!list) return undefined;
  for (let i = 0; i < list.length; i++)
    if (list[i] && list[i].ref && !list[i].missing) return list[i];
  return undefined;
}

/** 0 = applies, 1 = does not apply, 2 = does not apply as far as recorded (a flag is unset), 3 = classification missing. */
export function applies(ctx: Ctx, c: CompiledCondition): 0 | 1 | 2 | 3 {
  if (c.anyMask !== 0 && (ctx.flagsTrue & c.anyMask) === 0) {
    return (c.anyMask & ~ctx.flagsKnown) !== 0 ? 2 : 1;
  }
  if (c.allMask !== 0 && (ctx.flagsTrue & c.allMask) !== c.allMask) {
    const notTrue = c.allMask & ~ctx.flagsTrue;
    return (notTrue & ctx.flagsKnown) !== 0 ? 1 : 2;
  }
  if (c.sensitive !== undefined && ctx.sensitive !== c.sensitive) return 1;
  if (c.classifications) {
    if (!ctx.cls) return 3;
    if (!c.classifications.includes(ctx.cls)) return 1;
  }
  return 0;
}

/** The statement's required roles that apply and have no holder, or undefined. */
export function missingRoles(
  ctx: Ctx,
  cs: CompiledStatement,
): CompiledRole[] | undefined {
  let out: CompiledRole[] | undefined;
  const rr = cs.requiredRoles;
  for (let i = 0; i < rr.length; i++) {
    const r = rr[i];
    if (r.when && applies(ctx, r.when) !== 0) continue;
    if (!hasHolder(ctx, r.index)) (out ??= []).push(r);
  }
  return out;
}

export function roleReasons(missing: CompiledRole[]): readonly string[] {
  return missing.length === 1
    ? missing[0].missing
    : missing.map(r => r.missing[0]);
}

export function roleNames(missing: CompiledRole[]): string {
  return missing.map(r => ROLE_TITLES[r.role]).join(', ');
}
