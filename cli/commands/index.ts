// Every `medfl` command, in the order `medfl --help` lists them.
import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../output.ts';
import { baselineCommand } from './baseline.ts';
import { chainCommand } from './chain.ts';
import { consentCommand } from './consent.ts';
import { coordinatorCommand } from './coordinator.ts';
import { dataCommand } from './data.ts';
import { demoCommand } from './demo.ts';
import { errorsCommand } from './errors.ts';
import { evaluateCommand } from './evaluate.ts';
import { experimentCommand } from './experiment.ts';
import { generateCommand } from './generate.ts';
import { keyCommand } from './key.ts';
import { kitCommand } from './kit.ts';
import { ledgerCommand } from './ledger.ts';
import { modelCommand } from './model.ts';
import { participantCommand } from './participant.ts';
import { participantsCommand } from './participants.ts';
import { planCommand } from './plan.ts';
import { provisionCommand } from './provision.ts';
import { runCommand } from './run.ts';
import { verifyCommand } from './verify.ts';

// Each command narrows GlobalArgs with its own flags; yargs checks them at parse time.
export const COMMANDS = [demoCommand, runCommand, planCommand, provisionCommand, kitCommand, keyCommand, ledgerCommand, coordinatorCommand, participantCommand, participantsCommand, baselineCommand, experimentCommand, evaluateCommand, generateCommand, dataCommand, modelCommand, chainCommand, verifyCommand, consentCommand, errorsCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[];
