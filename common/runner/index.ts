// The snippet engine as one import for the CLI and the editor client. Plain Node only: nothing
// here may depend on the editor, the language-server protocol, the Markdown parser, server/ or client/.
export * from './infoString';
export * from './runnable';
export * from './cappedOutput';
export * from './liveOutput';
export * from './processGroup';
export * from './runner';
export * from './scratch';
export * from './outcome';
export * from './toolSummaries';
export * from './execute';
export * from './riskyLines';
export * from './visibleText';
export * from './session';
