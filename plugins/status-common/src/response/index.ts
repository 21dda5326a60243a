export * from './responseStats';
