/**
 * The course outline: tracks and their lessons in NN- order, with URLs. Every page that lists or
 * links lessons goes through here, so ordering, draft filtering and URLs are decided once.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { parseNumberedName } from '../../grader/src/schemas.ts';

export interface LessonInfo {
  entry: CollectionEntry<'lessons'>;
  slug: string;
  order: number;
  url: string;
  track: TrackInfo;
}

export interface TrackInfo {
  slug: string;
  order: number;
  url: string;
  title: string;
  summary: string;
  lessons: LessonInfo[];
}

/** Drafts are built in development only. */
export const showDrafts = import.meta.env.DEV;

function parsePart(name: string, where: string): { order: number; slug: string } {
  const parsed = parseNumberedName(name);
  if (!parsed) {
    throw new Error(`${where}: "${name}" must be named NN-slug, like "01-what-the-back-end-does".`);
  }
  return parsed;
}

let cached: Promise<TrackInfo[]> | undefined;

/** All tracks in order, each with its (non-draft, outside dev) lessons in order. */
export function getCourse(): Promise<TrackInfo[]> {
  // Re-read in dev so edits show up; a build reads the collections once.
  if (!cached || import.meta.env.DEV) cached = loadCourse();
  return cached;
}

async function loadCourse(): Promise<TrackInfo[]> {
  const [trackEntries, lessonEntries] = await Promise.all([
    getCollection('tracks'),
    getCollection('lessons'),
  ]);
  const tracks = new Map<string, TrackInfo>();
  for (const entry of trackEntries) {
    const { order, slug } = parsePart(entry.id, `content/${entry.id}`);
    tracks.set(entry.id, { slug, order, url: `/learn/${slug}/`, ...entry.data, lessons: [] });
  }
  const seen = new Map<string, string>();
  for (const entry of lessonEntries) {
    if (entry.data.draft && !showDrafts) continue;
    const [folder, file] = entry.id.split('/') as [string, string];
    const where = entry.filePath ?? `content/${entry.id}.mdx`;
    const track = tracks.get(folder);
    if (!track) throw new Error(`${where}: its folder has no track.yaml; add content/${folder}/track.yaml.`);
    const { order, slug } = parsePart(file, where);
    const clash = seen.get(slug);
    if (clash)
      throw new Error(`${where}: lesson slug "${slug}" is already used by ${clash}; slugs are unique.`);
    seen.set(slug, where);
    track.lessons.push({ entry, slug, order, url: `${track.url}${slug}/`, track });
  }
  const ordered = [...tracks.values()].sort((a, b) => a.order - b.order);
  for (const track of ordered) track.lessons.sort((a, b) => a.order - b.order);
  return ordered;
}

/** The lesson before and after `lesson` in its track (undefined at the ends). */
export function neighbours(lesson: LessonInfo): { previous?: LessonInfo; next?: LessonInfo } {
  const list = lesson.track.lessons;
  const index = list.indexOf(lesson);
  return { previous: list[index - 1], next: list[index + 1] };
}

/** Sum of a track's lesson minutes, for "about N minutes" labels. */
export function trackMinutes(track: TrackInfo): number {
  return track.lessons.reduce((sum, lesson) => sum + lesson.entry.data.estimatedMinutes, 0);
}

/** "45 min" or "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** "1 lesson", "3 lessons". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
