export type TriggerKind = 'point-to-point' | 'pub-sub';
export interface ResourceType {
    cfn: string;
    terraform?: string;
    nameProperty?: string;
    arnService?: string;
    trigger?: TriggerKind;
    /** The attribute an event source reads (`!GetAtt Q.Arn`), for the types a move supports. */
    movableAttr?: string;
    /** The word for it in messages ("queue", "table stream"). */
    word?: string;
    /** The codicon the client draws for it. */
    icon?: string;
}
export declare const RESOURCE_TYPES: readonly ResourceType[];
/** The registry's entry for a CloudFormation type. */
export declare function resourceType(cfn: string): ResourceType | undefined;
/** One column of the registry as a table by CloudFormation type. */
export declare function column<K extends keyof ResourceType>(key: K): Record<string, NonNullable<ResourceType[K]>>;
/** The CloudFormation types whose `trigger` is one of `kinds`. */
export declare function triggerTypes(...kinds: TriggerKind[]): Set<string>;
