export * from './calendar';
export * from './coverage';
export * from './cycle';
export * from './policy';
export * from './recertification';
export * from './state-machine';
export * from './statuses';
export * from './units';
