package org.plmwatch.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.plmwatch.core.model.Leg;
import org.plmwatch.core.model.LegMovement;
import org.plmwatch.core.model.Stage;

/** One nested class per numbered rule of docs/SCORING.md, each probing the rule's boundaries. */
class ScorerRulesTest {

    private static final double E = 1e-3;

    private static List<ScoredMovement> moves(ScoreResult r) {
        return r.movements();
    }

    @Nested
    class Rule01JoinFragments {
        @Test
        void gapJustBelowHalfSecondJoins() {
            ScoreResult r = new NightBuilder().left(100, 1.0).left(101.49, 1.0).score();
            assertEquals(1, r.legMovements().size());
            assertEquals(2.49, r.legMovements().get(0).durationSeconds(), E);
        }

        @Test
        void gapOfExactlyHalfSecondDoesNotJoin() {
            ScoreResult r = new NightBuilder().left(100, 1.0).left(101.5, 1.0).score();
            assertEquals(2, r.legMovements().size());
        }

        @Test
        void joiningRepeatsUntilNoShortGapRemains() {
            // Three fragments 0.3 s apart become one, and an overlapping fragment does not shorten it.
            ScoreResult r = new NightBuilder().left(100, 1.0).left(101.3, 1.0).left(102.6, 1.0).left(100.5, 0.2).score();
            assertEquals(1, r.legMovements().size());
            assertEquals(100.0, r.legMovements().get(0).onsetSeconds(), E);
            assertEquals(3.6, r.legMovements().get(0).durationSeconds(), E);
        }

        @Test
        void fragmentsOfDifferentLegsAreNotJoinedByRule1() {
            ScoreResult r = new NightBuilder().left(100, 1.0).right(101.2, 1.0).score();
            assertEquals(2, r.legMovements().size());
        }

        @Test
        void joinedMovementKeepsTheLargerPeak() {
            List<LegMovement> joined = Scorer.joinAndFilter(List.of(
                    new LegMovement(Leg.LEFT, 10, 1, 0.2), new LegMovement(Leg.LEFT, 11.2, 1, 0.7)));
            assertEquals(0.7, joined.get(0).peakG(), 1e-12);
        }
    }

    @Nested
    class Rule02TooShort {
        @Test
        void justUnderHalfSecondIsDiscarded() {
            assertEquals(0, new NightBuilder().left(100, 0.499).score().legMovements().size());
        }

        @Test
        void exactlyHalfSecondIsKept() {
            assertEquals(1, new NightBuilder().left(100, 0.5).score().legMovements().size());
        }

        @Test
        void shortFragmentsThatJoinToHalfSecondAreKept() {
            ScoreResult r = new NightBuilder().left(100, 0.2).left(100.3, 0.2).score();
            assertEquals(1, r.legMovements().size());
            assertEquals(0.5, r.legMovements().get(0).durationSeconds(), E);
        }
    }

    @Nested
    class Rule03TooLong {
        @Test
        void exactlyTenSecondsIsACandidate() {
            assertTrue(moves(new NightBuilder().left(100, 10.0).score()).get(0).clm());
        }

        @Test
        void overTenSecondsIsKeptAsNonCandidate() {
            ScoreResult r = new NightBuilder().left(100, 10.01).score();
            assertEquals(1, r.movements().size());
            assertFalse(r.movements().get(0).clm());
            assertEquals(1, r.nonclmCountTib());
        }

        @Test
        void longMovementBreaksTheSeriesItFallsInto() {
            // Six movements 20 s apart, the third too long: runs of two and three, no series.
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120).left(140, 12).leftAt(2, 160, 180, 200).score();
            assertEquals(0, r.plmCountTib());
        }
    }

    @Nested
    class Rule04MergeAcrossLegs {
        @Test
        void oppositeLegStartingJustBeforeOffsetPlusHalfSecondMerges() {
            ScoreResult r = new NightBuilder().left(100, 2).right(102.49, 1).score();
            assertEquals(1, r.movements().size());
            ScoredMovement m = r.movements().get(0);
            assertEquals(Side.BILATERAL, m.side());
            assertEquals(2, m.parts());
            assertEquals(3.49, m.durationSeconds(), E);
        }

        @Test
        void oppositeLegStartingAtOffsetPlusHalfSecondStaysApart() {
            ScoreResult r = new NightBuilder().left(100, 2).right(102.5, 1).score();
            assertEquals(2, r.movements().size());
            assertEquals(Side.LEFT, r.movements().get(0).side());
            assertEquals(Side.RIGHT, r.movements().get(1).side());
        }

        @Test
        void growingOffsetAbsorbsALaterSameLegMovement() {
            // L [100,102], R [102.3,104], L [104.4,105]: the right part extends the offset so the
            // second left movement (2.4 s after the first ended) joins too.
            ScoreResult r = new NightBuilder().left(100, 2).right(102.3, 1.7).left(104.4, 0.6).score();
            assertEquals(1, r.movements().size());
            assertEquals(3, r.movements().get(0).parts());
            assertEquals(5.0, r.movements().get(0).durationSeconds(), E);
        }

        @Test
        void containedMovementDoesNotShortenTheOffset() {
            ScoreResult r = new NightBuilder().left(100, 6).right(101, 1).score();
            assertEquals(6.0, r.movements().get(0).durationSeconds(), E);
            assertEquals(Side.BILATERAL, r.movements().get(0).side());
        }
    }

    @Nested
    class Rule05BilateralCandidates {
        @Test
        void bilateralOfExactlyFifteenSecondsIsACandidate() {
            ScoreResult r = new NightBuilder().left(100, 8).right(107, 8).score();
            assertEquals(15.0, r.movements().get(0).durationSeconds(), E);
            assertTrue(r.movements().get(0).clm());
            assertEquals(1, r.bilateralClmCountTib());
        }

        @Test
        void bilateralOverFifteenSecondsIsNotACandidate() {
            ScoreResult r = new NightBuilder().left(100, 8).right(107.01, 8).score();
            assertFalse(r.movements().get(0).clm());
        }

        @Test
        void fourPartsIsACandidateFiveIsNot() {
            ScoreResult four = new NightBuilder().left(100, 1).right(100.8, 1).left(101.6, 1).right(102.4, 1).score();
            assertEquals(4, four.movements().get(0).parts());
            assertTrue(four.movements().get(0).clm());

            // A bilateral chain of five parts, 4.2 s long: far under 15 s but too many parts.
            ScoreResult five = new NightBuilder().left(100, 1).right(100.8, 1).left(101.6, 1).right(102.4, 1)
                    .left(103.2, 1).score();
            assertEquals(1, five.movements().size());
            assertEquals(5, five.movements().get(0).parts());
            assertFalse(five.movements().get(0).clm());
        }

        @Test
        void bilateralWithALongMonolateralPartIsNotACandidate() {
            ScoreResult r = new NightBuilder().left(100, 10.5).right(101, 1).score();
            assertEquals(11.5 - 1.0, r.movements().get(0).durationSeconds(), E);
            assertFalse(r.movements().get(0).clm());
        }
    }

    @Nested
    class Rule06MonolateralCandidates {
        @Test
        void monolateralBetweenHalfAndTenSecondsIsACandidate() {
            ScoreResult r = new NightBuilder().left(100, 0.5).right(200, 5).left(300, 10).score();
            assertEquals(3, r.clmCountTib());
            assertEquals(List.of(Side.LEFT, Side.RIGHT, Side.LEFT), r.movements().stream().map(ScoredMovement::side).toList());
        }
    }

    @Nested
    class Rule07RespiratoryWindow {
        // Apnea from 500 to 520 s: its end is at 520, so the WASM window is [518, 530.25].
        private NightBuilder withApnea() {
            return new NightBuilder().apnea(500, 20);
        }

        @Test
        void movementEndingExactlyTwoSecondsBeforeTheEndIsRespiratory() {
            assertTrue(withApnea().left(516, 2).score().movements().get(0).respiratory());
        }

        @Test
        void movementEndingJustEarlierIsNot() {
            assertFalse(withApnea().left(515.99, 2).score().movements().get(0).respiratory());
        }

        @Test
        void movementStartingExactlyTenPointTwoFiveAfterTheEndIsRespiratory() {
            assertTrue(withApnea().left(530.25, 2).score().movements().get(0).respiratory());
        }

        @Test
        void movementStartingJustLaterIsNot() {
            assertFalse(withApnea().left(530.26, 2).score().movements().get(0).respiratory());
        }

        @Test
        void aasmWindowIsHalfASecondEachSide() {
            assertTrue(withApnea().left(520.5, 1).score(RuleSet.AASM).movements().get(0).respiratory());
            assertFalse(withApnea().left(520.51, 1).score(RuleSet.AASM).movements().get(0).respiratory());
            assertTrue(withApnea().left(518.5, 1).score(RuleSet.AASM).movements().get(0).respiratory());
            assertFalse(withApnea().left(518.49, 1).score(RuleSet.AASM).movements().get(0).respiratory());
        }

        @Test
        void movementSpanningTheWholeWindowIsRespiratory() {
            assertTrue(withApnea().left(510, 10).right(521, 9.9).score().movements().get(0).respiratory());
        }
    }

    @Nested
    class Rule08NoRespiratoryIndices {
        @Test
        void respiratoryCandidatesLeaveTheSequenceBeforeSeriesAreFound() {
            // Five CLMs 20 s apart; the third ends an apnea. All: one series of five. Without it:
            // four CLMs with IMIs 20, 40, 20: still a series of four.
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160, 180).apnea(125, 16).score();
            assertTrue(r.movements().get(2).respiratory());
            assertEquals(5, r.plmCountSleep());
            assertEquals(4, r.plmNrCountSleep());
            assertFalse(r.movements().get(2).plmNr());
        }

        @Test
        void removingARespiratoryCandidateCanDissolveASeries() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160).apnea(125, 16).score();
            assertEquals(4, r.plmCountSleep());
            assertEquals(0, r.plmNrCountSleep());
            assertEquals(0.0, r.plmsNrIndex(), 1e-12);
        }

        @Test
        void nonCandidatesStayInTheNrSequenceAndStillBreakSeries() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120).left(140, 11).leftAt(2, 160, 180).apnea(300, 10).score();
            assertEquals(0, r.plmNrCountSleep());
        }

        @Test
        void withoutRespiratoryScoringTheNrIndexIsNotComputed() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160).score();
            assertFalse(r.respirationScored());
            assertTrue(Double.isNaN(r.plmsNrIndex()));
        }
    }

    @Nested
    class Rule09Imi {
        @Test
        void imiIsMeasuredOnsetToOnsetOfPooledMovements() {
            // A bilateral movement whose right part starts 3 s late: the IMI to the next movement
            // counts from the pooled onset (100), giving 10 s and a series.
            ScoreResult r = new NightBuilder().left(100, 4).right(103, 4).leftAt(2, 110, 120, 130).score();
            assertEquals(4, r.movements().size());
            assertEquals(4, r.plmCountSleep());
        }
    }

    @Nested
    class Rule10Series {
        @Test
        void imiOfExactlyTenSecondsQualifies() {
            assertEquals(4, new NightBuilder().leftAt(2, 100, 110, 120, 130).score().plmCountSleep());
        }

        @Test
        void imiJustUnderTenSecondsDoesNot() {
            assertEquals(0, new NightBuilder().leftAt(2, 100, 110, 119.99, 129.99).score().plmCountSleep());
        }

        @Test
        void imiOfExactlyNinetySecondsQualifies() {
            assertEquals(4, new NightBuilder().leftAt(2, 100, 190, 280, 370).score().plmCountSleep());
        }

        @Test
        void imiJustOverNinetySecondsDoesNot() {
            assertEquals(0, new NightBuilder().leftAt(2, 100, 190, 280.01, 370.01).score().plmCountSleep());
        }

        @Test
        void threeMovementsAreNotASeriesFourAre() {
            assertEquals(0, new NightBuilder().leftAt(2, 100, 120, 140).score().plmCountSleep());
            assertEquals(4, new NightBuilder().leftAt(2, 100, 120, 140, 160).score().plmCountSleep());
        }

        @Test
        void aasmAcceptsImiFromFiveSeconds() {
            NightBuilder b = new NightBuilder().leftAt(2, 100, 105, 110, 115);
            assertEquals(4, b.score(RuleSet.AASM).plmCountSleep());
            assertEquals(0, b.score(RuleSet.WASM2016).plmCountSleep());
            assertEquals(0, new NightBuilder().leftAt(1, 100, 104.99, 109.98, 114.97).score(RuleSet.AASM).plmCountSleep());
        }
    }

    @Nested
    class Rule11Breaking {
        @Test
        void clmAfterAShortIntervalStartsTheNextSeries() {
            // 4 CLMs 20 s apart, then one 5 s later (short), then three more 20 s apart.
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160, 165, 185, 205, 225).score();
            assertEquals(8, r.plmCountSleep());
            assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2), r.movements().stream().map(ScoredMovement::series).toList());
        }

        @Test
        void clmAfterALongIntervalStartsTheNextSeries() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160, 300, 320, 340, 360).score();
            assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2), r.movements().stream().map(ScoredMovement::series).toList());
        }

        @Test
        void nonCandidateNeverBelongsToASeriesAndTheNextClmCountsAfresh() {
            // 3 CLMs, a 12-s movement, 3 CLMs: 20 s apart throughout, yet no series.
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140).left(160, 12).leftAt(2, 180, 200, 220).score();
            assertEquals(0, r.plmCountTib());
            ScoreResult r2 = new NightBuilder().leftAt(2, 100, 120, 140).left(160, 12).leftAt(2, 180, 200, 220, 240).score();
            assertEquals(4, r2.plmCountTib());
            assertFalse(r2.movements().get(3).plm());
        }
    }

    @Nested
    class Rule12RunsOfTwoOrThree {
        @Test
        void shortRunsBetweenSeriesAreNotPlms() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160, 400, 420, 800, 820, 840).score();
            assertEquals(4, r.plmCountTib());
            assertEquals(9, r.clmCountTib());
        }
    }

    @Nested
    class Rule13StageOfMovement {
        @Test
        void stageIsThatOfTheEpochHoldingTheOnset() {
            NightBuilder b = new NightBuilder().epochs(0, 2, Stage.N2).epochs(60, 2, Stage.REM)
                    .left(59.9, 2).left(60, 2).left(200, 1);
            ScoreResult r = b.score();
            assertEquals(Stage.N2, r.movements().get(0).stage());
            // Onsets are 0.1 s apart, so rule 1 joins them: check a movement starting exactly at
            // the boundary separately.
            ScoreResult r2 = new NightBuilder().epochs(0, 2, Stage.N2).epochs(60, 2, Stage.REM).left(60, 2).score();
            assertEquals(Stage.REM, r2.movements().get(0).stage());
            assertEquals(Stage.WAKE, r.movements().get(1).stage(), "no epoch around 200 s: wake");
        }
    }

    @Nested
    class Rule14TimeInBedAndSleep {
        @Test
        void tibCountsScoredEpochsAndTstCountsSleepEpochs() {
            ScoreResult r = new NightBuilder().epochs(0, 10, Stage.WAKE).epochs(300, 60, Stage.N2)
                    .epochs(3000, 20, Stage.REM).epochs(4000, 10, Stage.N3).score();
            assertEquals(100 * 30 / 3600.0, r.tibHours(), 1e-9);
            assertEquals(90 * 30 / 3600.0, r.tstHours(), 1e-9);
        }
    }

    @Nested
    class Rule15Indices {
        @Test
        void indicesArePerHourOfTheirOwnState() {
            // 30 min wake then 1 h N2; a series of 4 in wake, a series of 6 in sleep.
            NightBuilder b = new NightBuilder().epochs(0, 60, Stage.WAKE).epochs(1800, 120, Stage.N2)
                    .leftAt(2, 100, 120, 140, 160)
                    .leftAt(2, 2000, 2020, 2040, 2060, 2080, 2100)
                    .left(3000, 2);
            ScoreResult r = b.score();
            assertEquals(6.0, r.plmsIndex(), 1e-9);
            assertEquals(7.0, r.clmsIndex(), 1e-9);
            assertEquals(8.0, r.plmwIndex(), 1e-9);
            assertEquals(6, r.plmCountSleep());
            assertEquals(10, r.plmCountTib());
        }

        @Test
        void noSleepGivesUndefinedSleepIndicesNotAnError() {
            ScoreResult r = new NightBuilder().epochs(0, 10, Stage.WAKE).left(10, 1).score();
            assertTrue(Double.isNaN(r.plmsIndex()));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("no sleep")));
        }
    }

    @Nested
    class Rule16Periodicity {
        @Test
        void periodicityIndexIsPlmsOverClmsInSleep() {
            ScoreResult r = new NightBuilder().leftAt(2, 100, 120, 140, 160, 500, 1000).score();
            assertEquals(4.0 / 6.0, r.periodicityIndex(), 1e-12);
            assertFalse(r.periodicityInterpretable(), "6 CLM/h is under 10/h");
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("periodicity index uninterpretable")));
        }

        @Test
        void interpretableFromTenClmsPerHour() {
            NightBuilder b = new NightBuilder();
            for (int i = 0; i < 10; i++) {
                b.left(100 + 300 * i, 1);
            }
            assertTrue(b.score().periodicityInterpretable());
        }
    }

    @Nested
    class Rule17ImiDistribution {
        @Test
        void intervalsFallInTwoSecondBinsAndAboveNinety() {
            ScoreResult r = new NightBuilder().leftAt(1, 100, 101.9, 121.9, 211.9, 302.0).score();
            int[] lin = r.imi().linearCounts();
            assertEquals(1, lin[0], "1.9 s");
            assertEquals(1, lin[10], "20 s");
            assertEquals(1, lin[44], "exactly 90 s belongs to the last bin");
            assertEquals(1, r.imi().over90Count(), "90.1 s");
            assertEquals(4, r.imi().totalCount());
        }

        @Test
        void logStatisticsUseOnlyIntervalsOfTenToNinetySeconds() {
            ScoreResult r = new NightBuilder().leftAt(1, 100, 120, 160, 165, 400).score();
            // IMIs: 20, 40, 5, 235: only 20 and 40 enter the statistics.
            assertEquals(2, r.imi().periodicImiCount());
            assertEquals((Math.log(20) + Math.log(40)) / 2, r.imi().logImiMean(), 1e-12);
            double sd = Math.abs(Math.log(40) - Math.log(20)) / Math.sqrt(2);
            assertEquals(sd, r.imi().logImiSd(), 1e-12);
            int[] log = r.imi().logCounts();
            assertEquals(1, log[(int) (Math.log(20) * 10)]);
        }

        @Test
        void intervalsAcrossANonCandidateAreNotCounted() {
            ScoreResult r = new NightBuilder().leftAt(1, 100).left(120, 11).leftAt(1, 140).score();
            assertEquals(0, r.imi().totalCount());
        }
    }

    @Nested
    class Rule18ArousalAssociation {
        @Test
        void arousalStartingJustUnderHalfSecondAfterTheOffsetIsAssociated() {
            assertTrue(new NightBuilder().left(100, 2).arousal(102.49, 3).score().movements().get(0).arousal());
        }

        @Test
        void arousalStartingHalfASecondAfterTheOffsetIsNot() {
            assertFalse(new NightBuilder().left(100, 2).arousal(102.5, 3).score().movements().get(0).arousal());
        }

        @Test
        void arousalEndingJustUnderHalfSecondBeforeTheOnsetIsAssociated() {
            assertTrue(new NightBuilder().left(100, 2).arousal(96.51, 3).score().movements().get(0).arousal());
            assertFalse(new NightBuilder().left(100, 2).arousal(96.5, 3).score().movements().get(0).arousal());
        }

        @Test
        void overlapIsAssociatedEvenWhenALongArousalStartedEarlier() {
            assertTrue(new NightBuilder().left(100, 2).arousal(80, 30).arousal(95, 1).score().movements().get(0).arousal());
        }
    }

    @Nested
    class Rule19ClinicalReading {
        @Test
        void thresholdIsStrictlyAboveFifteenPerHour() {
            NightBuilder fifteen = new NightBuilder();
            for (int i = 0; i < 15; i++) {
                fifteen.left(100 + 20 * i, 1);
            }
            ScoreResult r = fifteen.score();
            assertEquals(15.0, r.plmsIndex(), 1e-9);
            assertFalse(r.aboveAdultThreshold());
            assertTrue(fifteen.left(100 + 20 * 15, 1).score().aboveAdultThreshold());
        }
    }

    @Nested
    class EmptyAndOneLeg {
        @Test
        void nightWithoutMovementsIsAnEmptyResult() {
            ScoreResult r = new NightBuilder().score();
            assertTrue(r.movements().isEmpty());
            assertEquals(0, r.plmCountTib());
            assertEquals(0.0, r.plmsIndex(), 0);
            assertEquals(0, r.imi().totalCount());
            assertTrue(Double.isNaN(r.periodicityIndex()));
        }

        @Test
        void oneLegIsSaid() {
            ScoreResult r = new NightBuilder().onlyLeft().leftAt(2, 100).score();
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("one leg recorded (left)")));
        }
    }
}
