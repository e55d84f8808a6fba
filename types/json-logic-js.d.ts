// json-logic-js ships no types; this is the small surface ltc-kit uses.
declare module 'json-logic-js' {
  export type RulesLogic = unknown;
  const jsonLogic: {
    apply(logic: unknown, data?: unknown): unknown;
    add_operation(name: string, fn: (...args: any[]) => unknown): void;
    rm_operation(name: string): void;
    is_logic(logic: unknown): boolean;
    truthy(value: unknown): boolean;
    get_operator(logic: unknown): string;
    get_values(logic: unknown): unknown;
    uses_data(logic: unknown): string[];
  };
  export default jsonLogic;
}
