import type { ReactNode } from 'react';
import { Button, Modal } from '@strapi/design-system';
import { useT } from '../hooks/useT';

/** A dialog's footer: Cancel (closes it) and the dialog's own action. */
export const ModalActions = ({ children }: { children: ReactNode }) => {
  const t = useT();
  return (
    <Modal.Footer>
      <Modal.Close>
        <Button variant="tertiary">{t('common.cancel')}</Button>
      </Modal.Close>
      {children}
    </Modal.Footer>
  );
};
