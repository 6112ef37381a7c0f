package dev.amends.spring.api;

import dev.amends.saga.TextRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A single line of text as a person would type it: no control characters and no lone surrogates,
 * which some stores cannot hold. Length is bounded separately, with {@code @Size}.
 */
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CleanText.Validator.class)
public @interface CleanText {
  String message() default "must not contain control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  final class Validator implements ConstraintValidator<CleanText, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = TextRules.checkLine("value", value, Integer.MAX_VALUE);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate(problem.replaceFirst("^value ", ""))
          .addConstraintViolation();
      return false;
    }
  }
}
