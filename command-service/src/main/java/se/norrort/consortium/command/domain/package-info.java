/**
 * Building blocks shared by the write-side features: the domain's refusals ({@link DomainRuleViolation}) and their
 * stable codes ({@link ErrorCode}).
 */
package se.norrort.consortium.command.domain;
