declare const _default: UserConfig;
export default _default;
