package io.orderstream.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** What earlier runs left, as the engine reads it back from each step's details. */
class EventDetailsTest {
    private static final Quote RAYDIUM = new Quote("raydium", new BigDecimal("152.93"), 25, new BigDecimal("1525.52"));
    private static final Quote METEORA = new Quote("meteora", new BigDecimal("150"), 30, new BigDecimal("1000"));
    private static final BigDecimal BOUND = new BigDecimal("1517.89");

    @Test
    void aBuiltTransactionIsTheSignatureWithTheQuoteAndBoundItWasBuiltOn() {
        EventDetails built = EventDetails.builder().chosenDex("raydium").chosenQuote(RAYDIUM).minAmountOut(BOUND)
                .txSignature("sig").build();
        assertThat(built.builtTransaction().orElseThrow(),
                   is(new EventDetails.BuiltTransaction("sig", RAYDIUM, BOUND)));

        // Building started (no signature yet), and submitting (a signature without the quote): not a build.
        EventDetails building = EventDetails.builder().chosenDex("raydium").chosenQuote(RAYDIUM).minAmountOut(BOUND)
                .build();
        EventDetails submitted = EventDetails.builder().chosenDex("raydium").txSignature("sig").attempt(1, 3).build();
        assertThat(building.builtTransaction().isPresent(), is(false));
        assertThat(submitted.builtTransaction().isPresent(), is(false));
    }

    @Test
    void theRoutedQuoteIsTheChosenQuoteOrTheChosenDexsAmongAll() {
        EventDetails routed = EventDetails.builder().quotes(List.of(RAYDIUM, METEORA)).chosenDex("meteora").build();
        EventDetails building = EventDetails.builder().chosenDex("raydium").chosenQuote(RAYDIUM).minAmountOut(BOUND)
                .build();
        EventDetails confirmed = EventDetails.builder().chosenDex("raydium").txSignature("sig")
                .amountOut(BigDecimal.TEN).build();
        assertThat(routed.routedQuote().orElseThrow(), is(METEORA));
        assertThat(building.routedQuote().orElseThrow(), is(RAYDIUM));
        assertThat("a DEX named without its quote", confirmed.routedQuote().isPresent(), is(false));
        assertThat(EventDetails.NONE.routedQuote().isPresent(), is(false));
    }

    @Test
    void theSubmissionAttemptIsThereOnlyWhereRecorded() {
        assertThat(EventDetails.builder().attempt(2, 3).build().submissionAttempt(), is(OptionalInt.of(2)));
        assertThat(EventDetails.NONE.submissionAttempt(), is(OptionalInt.empty()));
    }
}
