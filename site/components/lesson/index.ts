/**
 * The components MDX lessons may use:
 *   import { Callout, Figure, Steps, KnowledgeCheck } from '~/components/lesson';
 * Only KnowledgeCheck ships JavaScript.
 */
export { default as Callout } from './Callout.astro';
export { default as Figure } from './Figure.astro';
export { default as Steps } from './Steps.astro';
export { default as KnowledgeCheck } from './KnowledgeCheck.astro';
export { default as ExerciseCard } from './ExerciseCard.astro';
