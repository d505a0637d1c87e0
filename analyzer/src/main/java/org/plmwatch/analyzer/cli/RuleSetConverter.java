package org.plmwatch.analyzer.cli;

import org.plmwatch.core.scoring.RuleSet;

import picocli.CommandLine;

/** Accepts the rule-set names of docs/SCORING.md: {@code wasm2016} or {@code aasm}. */
final class RuleSetConverter implements CommandLine.ITypeConverter<RuleSet> {
    @Override
    public RuleSet convert(String value) {
        try {
            return RuleSet.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
