import 'digit-pad';
